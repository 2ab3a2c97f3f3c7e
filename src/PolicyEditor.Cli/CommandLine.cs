using System.Globalization;

namespace PolicyEditor.Cli;

/// <summary>
/// A command's arguments parsed against the options it declares: <c>--name value</c>, <c>--name=value</c>,
/// <c>-x value</c>, switches, repeated options, and plain words (<c>tutorial check DIR</c>). An option the
/// command does not take, a missing value or a second value for a single-valued option is a usage error.
/// </summary>
internal sealed class CommandLine
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);
    private readonly List<string> _words = [];

    private CommandLine(string command) => Command = command;

    /// <summary>The command word.</summary>
    public string Command { get; }

    /// <summary>The plain words after the command word, in order.</summary>
    public IReadOnlyList<string> Words => _words;

    /// <summary>Parses the arguments after the command word; <paramref name="maxWords"/> plain words are allowed.</summary>
    public static CommandLine Parse(string command, IReadOnlyList<string> args, IReadOnlyList<Option> options, int maxWords = 0)
    {
        var line = new CommandLine(command);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "-" || !arg.StartsWith('-') || arg.Length == 1)
            {
                if (line._words.Count >= maxWords)
                {
                    var file = options.FirstOrDefault(o => o.Short == 'f');
                    throw new UsageException(file is not null && arg != "-" && (File.Exists(arg) || Directory.Exists(arg))
                        ? $"unexpected argument '{arg}'; to read it, write -f {arg}."
                        : $"unexpected argument '{arg}'; options are written --name value.");
                }

                line._words.Add(arg);
                continue;
            }

            string name;
            string? inline = null;
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                var eq = arg.IndexOf('=', StringComparison.Ordinal);
                name = eq > 0 ? arg[2..eq] : arg[2..];
                inline = eq > 0 ? arg[(eq + 1)..] : null;
            }
            else
            {
                name = arg[1..];
            }

            var option = options.FirstOrDefault(o => o.Name == name || (name.Length == 1 && o.Short == name[0]))
                ?? throw new UsageException(options.Count == 0
                    ? $"'{command}' takes no options, not {arg}."
                    : $"unknown option {arg} for '{command}'; it takes {string.Join(", ", options.Select(o => "--" + o.Name))}.");
            if (option.Arity == OptionArity.Flag)
            {
                if (inline is not null)
                {
                    throw new UsageException($"--{option.Name} is a switch and takes no value.");
                }

                line.Add(option, string.Empty);
                continue;
            }

            // The next argument is the value whatever it looks like ('-f -' reads standard input), unless it is an option of this command.
            var value = inline ?? (i + 1 < args.Count && !IsOption(args[i + 1], options) ? args[++i] : null);
            if (string.IsNullOrEmpty(value))
            {
                throw new UsageException($"--{option.Name} needs a value ({option.ValueName}).");
            }

            line.Add(option, value);
        }

        return line;
    }

    /// <summary>Whether a switch was given, or an option at all.</summary>
    public bool Has(string name) => _values.ContainsKey(name);

    /// <summary>The value of a single-valued option, or null.</summary>
    public string? Optional(string name) => _values.TryGetValue(name, out var v) ? v[^1] : null;

    /// <summary>Every value of a repeated option, in order.</summary>
    public IReadOnlyList<string> All(string name) => _values.TryGetValue(name, out var v) ? v : [];

    /// <summary>The value of an option the command cannot do without.</summary>
    public string Required(string name) => Optional(name) ?? throw new UsageException($"--{name} is required.");

    /// <summary>A whole-number option, or <paramref name="fallback"/>.</summary>
    public int OptionalInt(string name, int fallback) =>
        Optional(name) is { } text ? int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : throw new UsageException($"--{name} must be a whole number, not '{text}'.") : fallback;

    /// <summary>A positive number option (whole or decimal), or null when absent.</summary>
    public double? OptionalPositive(string name) =>
        Optional(name) is not { } text ? null
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n > 0 && double.IsFinite(n) ? n
        : throw new UsageException($"--{name} must be a number greater than 0, not '{text}'.");

    /// <summary>One of a fixed set of words (an output format), or <paramref name="fallback"/>.</summary>
    public string Choice(string name, IReadOnlyList<string> choices, string fallback)
    {
        var value = Optional(name) ?? fallback;
        return choices.Contains(value, StringComparer.Ordinal) ? value : throw new UsageException($"--{name} must be {Spoken(choices)}, not '{value}'.");
    }

    /// <summary>A list read as a person says it: <c>txt, json or csv</c>.</summary>
    public static string Spoken(IReadOnlyList<string> choices) =>
        choices.Count == 1 ? choices[0] : $"{string.Join(", ", choices.Take(choices.Count - 1))} or {choices[^1]}";

    private static bool IsOption(string arg, IReadOnlyList<Option> options)
    {
        if (arg.StartsWith("--", StringComparison.Ordinal) && arg.Length > 2)
        {
            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            var name = eq > 0 ? arg[2..eq] : arg[2..];
            return options.Any(o => o.Name == name);
        }

        return arg.Length == 2 && arg[0] == '-' && options.Any(o => o.Short == arg[1]);
    }

    private void Add(Option option, string value)
    {
        if (!_values.TryGetValue(option.Name, out var list))
        {
            _values[option.Name] = list = [];
        }
        else if (option.Arity != OptionArity.Repeated)
        {
            throw new UsageException($"--{option.Name} is given twice; give it once.");
        }

        list.Add(value);
    }
}

/// <summary>The command line was wrong; the message says how.</summary>
internal sealed class UsageException(string message) : Exception(message);
