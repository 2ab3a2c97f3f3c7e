using PolicyEditor.Engine.Reachability;

namespace PolicyEditor.Cli.Output;

/// <summary>One way to print the connections of <c>list</c> and the changes of <c>diff</c>; one file per format.</summary>
internal abstract class OutputFormat
{
    /// <summary>Every format, by the name <c>-o</c> takes.</summary>
    public static readonly IReadOnlyList<OutputFormat> All = [new TxtFormat(), new JsonFormat(), new CsvFormat(), new MarkdownFormat(), new DotFormat(), new SvgFormat(), new MatrixFormat()];

    /// <summary>The names <c>-o</c> accepts.</summary>
    public static IReadOnlyList<string> Names => [.. All.Select(f => f.Name)];

    /// <summary>The name <c>-o</c> takes.</summary>
    public abstract string Name { get; }

    /// <summary>The format called <paramref name="name"/> (one of <see cref="Names"/>).</summary>
    public static OutputFormat Named(string name) => All.Single(f => f.Name == name);

    /// <summary>Writes allowed connections, sorted by source then destination.</summary>
    public abstract void WriteConnections(IReadOnlyList<ConnectionLine> lines, CliContext context);

    /// <summary>Writes connectivity changes, in the order given.</summary>
    public abstract void WriteChanges(IReadOnlyList<ConnectionChange> changes, bool explained, CliContext context);
}
