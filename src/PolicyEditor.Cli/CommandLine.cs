namespace PolicyEditor.Cli;

/// <summary>Parsed <c>--name value</c> options, <c>--flag</c> switches and plain words (<c>tutorial check DIR</c>) after the command word.</summary>
internal sealed class CommandLine
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);
    private readonly List<string> _words = [];
    private int _wordsAllowed;

    private CommandLine(string command) => Command = command;

    public string Command { get; }

    public static CommandLine Parse(string[] args)
    {
        if (args.Length == 0)
        {
            throw new UsageException("no command given.");
        }

        var line = new CommandLine(args[0]);
        for (var i = 1; i < args.Length; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                line._words.Add(arg);
                continue;
            }

            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                line._options[arg[2..eq]] = arg[(eq + 1)..];
            }
            else if (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                line._options[arg[2..]] = args[++i];
            }
            else
            {
                line._options[arg[2..]] = null;
            }
        }

        return line;
    }

    /// <summary>The plain words after the command word, in order.</summary>
    public IReadOnlyList<string> Words => _words;

    /// <summary>Lets the command take up to <paramref name="count"/> plain words (by default it takes none).</summary>
    public void AllowWords(int count) => _wordsAllowed = count;

    public bool Has(string name) => _options.ContainsKey(name);

    public string? Optional(string name) => _options.TryGetValue(name, out var v) ? v : null;

    public string Required(string name) =>
        _options.TryGetValue(name, out var v) && !string.IsNullOrEmpty(v) ? v : throw new UsageException($"--{name} is required.");

    public int OptionalInt(string name, int fallback) =>
        Optional(name) is { } text ? int.TryParse(text, out var n) ? n : throw new UsageException($"--{name} must be a whole number, not '{text}'.") : fallback;

    /// <summary>Fails on options the command does not know (a typo should not be silently ignored).</summary>
    public void Allow(params string[] names)
    {
        if (_words.Count > _wordsAllowed)
        {
            throw new UsageException($"unexpected argument '{_words[_wordsAllowed]}'; options are written --name value.");
        }

        foreach (var key in _options.Keys)
        {
            if (!names.Contains(key, StringComparer.Ordinal))
            {
                throw new UsageException($"unknown option --{key} for '{Command}'; it takes {string.Join(", ", names.Select(n => "--" + n))}.");
            }
        }
    }
}

/// <summary>The command line was wrong; the message says how.</summary>
internal sealed class UsageException(string message) : Exception(message);
