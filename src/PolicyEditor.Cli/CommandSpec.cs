namespace PolicyEditor.Cli;

/// <summary>A command: its word, how it is written, one line on what it does, the options it takes, how many plain words, and what runs it.</summary>
internal sealed record CommandSpec(string Name, string Synopsis, string Summary, IReadOnlyList<Option> Options, Func<CommandLine, CliContext, int> Run, int MaxWords = 0)
{
    /// <summary>The command's help: synopsis, summary and each option with its help line.</summary>
    public string Help()
    {
        var width = Options.Count == 0 ? 0 : Options.Max(o => o.Synopsis.Length);
        var lines = new List<string> { $"policyeditor {Synopsis}", string.Empty, Summary };
        if (Options.Count > 0)
        {
            lines.Add(string.Empty);
            lines.Add("Options:");
            lines.AddRange(Options.Select(o => $"  {o.Synopsis.PadRight(width)}  {o.Help}"));
        }

        return string.Join(Environment.NewLine, lines);
    }
}
