using System.Globalization;
using PolicyEditor.Engine.Flows;

namespace PolicyEditor.Web.ExplorerModel;

/// <summary>The observed traffic of one cell of the matrix: how many flows, over how many connections, and the class that matters most.</summary>
/// <param name="Flows">How many flows were observed, every pair and port together.</param>
/// <param name="Connections">How many observed connections (pair, protocol and port).</param>
/// <param name="Class">Blocked by the draft, then dropped today, then observed and allowed.</param>
public sealed record MatrixTrafficMark(long Flows, int Connections, FlowClass Class)
{
    /// <summary>The volume as a step from 1 (a few flows) to 4 (a hundred thousand or more), as the graph draws it.</summary>
    public int Volume => Flows switch { < 10 => 1, < 1_000 => 2, < 100_000 => 3, _ => 4 };

    /// <summary>The mark in words, for the tooltip.</summary>
    public string Describe() =>
        $"Observed: {Flows.ToString("N0", CultureInfo.InvariantCulture)} flows over {Connections} connection(s), {Class.Describe()}";
}
