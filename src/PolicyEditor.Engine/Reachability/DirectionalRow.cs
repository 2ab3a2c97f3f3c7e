using PolicyEditor.Engine.Connections;

namespace PolicyEditor.Engine.Reachability;

/// <summary>
/// What one side decides for one peer class, over every other endpoint, stored compactly: a default
/// per peer group (usually one group, often "all connections"), or per part of the groups when a
/// <see cref="GroupMap"/> says which groups share a default, explicit values for the classes and
/// external blocks that rules name, and the value for the ingress controller.
/// </summary>
internal sealed class DirectionalRow
{
    public DirectionalRow(
        ConnectionSet[] groupDefaults,
        int[] explicitClasses,
        ConnectionSet[] explicitValues,
        ConnectionSet externalDefault,
        int[] explicitBlocks,
        ConnectionSet[] explicitBlockValues,
        ConnectionSet ingressController,
        GroupMap? groupMap = null,
        GroupMap? blockMap = null,
        ConnectionSet[]? blockDefaults = null)
    {
        GroupDefaults = groupDefaults;
        GroupMap = groupMap;
        BlockMap = blockMap;
        BlockDefaults = blockDefaults ?? [];
        ExplicitClasses = explicitClasses;
        ExplicitValues = explicitValues;
        ExternalDefault = externalDefault;
        ExplicitBlocks = explicitBlocks;
        ExplicitBlockValues = explicitBlockValues;
        IngressController = ingressController;
    }

    /// <summary>The value for a class with no explicit entry, by the class's peer group (by its group's part when <see cref="GroupMap"/> is set).</summary>
    public ConnectionSet[] GroupDefaults { get; }

    /// <summary>Which of <see cref="GroupDefaults"/> each peer group takes; null: one default per group.</summary>
    public GroupMap? GroupMap { get; }

    /// <summary>Classes with their own value, ascending.</summary>
    public int[] ExplicitClasses { get; }

    /// <summary>The values of <see cref="ExplicitClasses"/>.</summary>
    public ConnectionSet[] ExplicitValues { get; }

    /// <summary>The value for an external block with no explicit entry (when <see cref="BlockMap"/> is not set).</summary>
    public ConnectionSet ExternalDefault { get; }

    /// <summary>Which of <see cref="BlockDefaults"/> each external block with no explicit entry takes; null: <see cref="ExternalDefault"/>.</summary>
    public GroupMap? BlockMap { get; }

    /// <summary>The values of the parts of <see cref="BlockMap"/>.</summary>
    public ConnectionSet[] BlockDefaults { get; }

    /// <summary>External blocks with their own value, ascending.</summary>
    public int[] ExplicitBlocks { get; }

    /// <summary>The values of <see cref="ExplicitBlocks"/>.</summary>
    public ConnectionSet[] ExplicitBlockValues { get; }

    /// <summary>The value for the ingress controller (ingress rows only).</summary>
    public ConnectionSet IngressController { get; }

    /// <summary>True when the row allows everything to every endpoint, over a cut of <paramref name="blocks"/> external blocks.</summary>
    /// <remarks>Judged by the values, not by which entries are explicit, so rows of the same traffic built over other classes agree.</remarks>
    public bool AllowsAll(int blocks) =>
        (BlockMap is null ? ExternalDefault.IsAll || ExplicitBlocks.Length == blocks : Enumerable.Range(0, blocks).All(b => ForBlock(b).IsAll))
        && IngressController.IsAll && GroupDefaults.All(g => g.IsAll) && ExplicitValues.All(v => v.IsAll) && ExplicitBlockValues.All(v => v.IsAll);

    /// <summary>The value for a peer class in peer group <paramref name="group"/>.</summary>
    public ConnectionSet ForClass(int peerClass, int group)
    {
        var i = Array.BinarySearch(ExplicitClasses, peerClass);
        return i >= 0 ? ExplicitValues[i] : GroupDefaults[GroupMap is null ? group : GroupMap.PartOf(group)];
    }

    /// <summary>The value for an external block.</summary>
    public ConnectionSet ForBlock(int block)
    {
        var i = Array.BinarySearch(ExplicitBlocks, block);
        return i >= 0 ? ExplicitBlockValues[i] : BlockMap is null ? ExternalDefault : BlockDefaults[BlockMap.PartOf(block)];
    }
}
