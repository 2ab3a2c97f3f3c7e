using PolicyEditor.Engine.Connections;

namespace PolicyEditor.Web.ExplorerModel;

/// <summary>
/// One cell of the reachability matrix: what the draft allows from a row's endpoints to a column's, summed
/// over the endpoint pairs the cell stands for, and what the draft changed there.
/// </summary>
/// <param name="Allowed">The connections some pair may exchange (their union).</param>
/// <param name="Pairs">How many endpoint pairs the cell stands for.</param>
/// <param name="AllowedPairs">How many of them may exchange something.</param>
/// <param name="AllPairs">How many of them may exchange everything.</param>
public sealed record MatrixCell(ConnectionSet Allowed, int Pairs, int AllowedPairs, int AllPairs)
{
    /// <summary>A cell where nothing is allowed and nothing changed.</summary>
    public static readonly MatrixCell Empty = new(ConnectionSet.None, 0, 0, 0);

    /// <summary>What the draft changed: <c>added</c> (all of it new), <c>blocked</c> (nothing left), <c>changed</c>; null when nothing.</summary>
    public string? Change { get; init; }

    /// <summary>What the changed pairs allowed before the draft.</summary>
    public ConnectionSet Before { get; init; } = ConnectionSet.None;

    /// <summary>The draft's changes in the cell, a line each (the first few).</summary>
    public IReadOnlyList<string> ChangeLines { get; init; } = [];

    /// <summary>How many changes the draft made in the cell.</summary>
    public int Changes { get; init; }

    /// <summary>Whether the graph's filters (protocol, port, changes only) leave the cell out.</summary>
    public bool Filtered { get; init; }

    /// <summary>How much the cell allows.</summary>
    public MatrixLevel Level => AllowedPairs == 0 || Allowed.IsEmpty ? MatrixLevel.None
        : AllPairs == Pairs ? MatrixLevel.All
        : MatrixLevel.Some;

    /// <summary>What the cell says: <c>all</c>, the connections in short (with how many pairs, when not every one), <c>✕</c> and what the draft blocks; empty when nothing.</summary>
    public string Text => Level switch
    {
        MatrixLevel.All => "all",
        MatrixLevel.Some => (Pairs > 1 && AllowedPairs < Pairs ? $"{AllowedPairs}/{Pairs} · " : string.Empty) + GraphModelBuilder.ShortLabel(Allowed),
        _ => Change == "blocked" ? $"✕ {GraphModelBuilder.ShortLabel(Before)}" : string.Empty,
    };

    /// <summary>The cell in full for its tooltip, between the ends named <paramref name="from"/> and <paramref name="to"/>.</summary>
    public string Describe(string from, string to)
    {
        var what = Level == MatrixLevel.None ? "nothing allowed" : Allowed.Describe();
        var text = $"{from} → {to}: {what}";
        if (Pairs > 1)
        {
            text += $"\n{AllowedPairs:N0} of {Pairs:N0} pairs may connect" + (AllPairs > 0 && AllPairs < Pairs ? $", {AllPairs:N0} with everything" : string.Empty);
        }

        if (Change is not null)
        {
            text += $"\nChanged by the draft ({Changes:N0}):\n" + string.Join("\n", ChangeLines) + (Changes > ChangeLines.Count ? $"\n… and {Changes - ChangeLines.Count:N0} more" : string.Empty);
        }

        return text;
    }
}
