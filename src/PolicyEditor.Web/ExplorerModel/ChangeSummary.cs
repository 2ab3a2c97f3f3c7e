using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Reachability;

namespace PolicyEditor.Web.ExplorerModel;

/// <summary>
/// What the draft changes in the pairs that one graph edge or one matrix cell stands for, folded in change by change:
/// the kind (and whether kinds are mixed), what was allowed before, how many pairs changed, the first few as lines,
/// and the policies that caused them.
/// </summary>
internal sealed class ChangeSummary(int maxLines)
{
    /// <summary>The kind of the last change folded in.</summary>
    public ChangeKind? Kind { get; private set; }

    /// <summary>True when the changes are of more than one kind.</summary>
    public bool MixedKinds { get; private set; }

    /// <summary>Everything the changed pairs allowed before.</summary>
    public ConnectionSet Before { get; private set; } = ConnectionSet.None;

    /// <summary>How many pairs changed.</summary>
    public int Count { get; private set; }

    /// <summary>The first changes (at most the limit given), one line each: <c>a → b: before ⇒ after</c>.</summary>
    public List<string> Lines { get; } = [];

    /// <summary>The policies the changes name as their causes.</summary>
    public SortedSet<string> Causes { get; } = new(StringComparer.Ordinal);

    /// <summary>Folds one change in.</summary>
    public void Add(ConnectionChange change)
    {
        MixedKinds |= Kind is { } k && k != change.Kind;
        Kind = change.Kind;
        Before = Before.Union(change.Before);
        Count++;
        Causes.UnionWith(change.Causes);
        if (Lines.Count < maxLines)
        {
            Lines.Add($"{EndpointText.Short(change.Source)} → {EndpointText.Short(change.Destination)}: {change.Before.Describe()} ⇒ {change.After.Describe()}");
        }
    }

    /// <summary>blocked: nothing is allowed any more; added: all of it is new; changed: anything else the draft changed; null: no change.</summary>
    public string? Mark(bool allowsAnything) => Count == 0 ? null
        : !allowsAnything ? "blocked"
        : !MixedKinds && Kind == ChangeKind.Added ? "added"
        : "changed";
}
