namespace PolicyEditor.Cli;

/// <summary>How many values an option takes.</summary>
internal enum OptionArity
{
    /// <summary>A switch: <c>--explain</c>.</summary>
    Flag,

    /// <summary>One value: <c>--output json</c>, <c>-o json</c>, <c>--output=json</c>.</summary>
    Value,

    /// <summary>A value each time it is given: <c>-f a.yaml -f b.yaml</c>.</summary>
    Repeated,
}

/// <summary>
/// One option a command takes: its long name, an optional one-letter alias, how many values it takes,
/// the value's name and one line of help. Commands declare their options, so the parser knows that
/// <c>-f -</c> is a value and that <c>--explain</c> takes none.
/// </summary>
internal sealed record Option(string Name, char? Short, OptionArity Arity, string? ValueName, string Help)
{
    /// <summary>A switch.</summary>
    public static Option Flag(string name, string help) => new(name, null, OptionArity.Flag, null, help);

    /// <summary>An option with one value.</summary>
    public static Option Value(string name, string valueName, string help, char? alias = null) => new(name, alias, OptionArity.Value, valueName, help);

    /// <summary>An option that may be given several times.</summary>
    public static Option Repeated(string name, string valueName, string help, char? alias = null) => new(name, alias, OptionArity.Repeated, valueName, help);

    /// <summary>How the option is written in help: <c>-f, --filename FILE</c>.</summary>
    public string Synopsis => $"{(Short is { } s ? $"-{s}, " : string.Empty)}--{Name}{(ValueName is null ? string.Empty : $" {ValueName}")}";
}
