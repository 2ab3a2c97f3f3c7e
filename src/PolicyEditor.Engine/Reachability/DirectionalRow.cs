using PolicyEditor.Engine.Connections;

namespace PolicyEditor.Engine.Reachability;

/// <summary>
/// What one side decides for one peer class, over every other endpoint, stored compactly: a default
/// per peer group (usually one group, often "all connections"), explicit values for the classes and
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
        ConnectionSet ingressController)
    {
        GroupDefaults = groupDefaults;
        ExplicitClasses = explicitClasses;
        ExplicitValues = explicitValues;
        ExternalDefault = externalDefault;
        ExplicitBlocks = explicitBlocks;
        ExplicitBlockValues = explicitBlockValues;
        IngressController = ingressController;
    }

    /// <summary>A row whose external blocks without an explicit entry take their values from <paramref name="blockDefaults"/> (by block index, shared by rows).</summary>
    public DirectionalRow(
        ConnectionSet[] groupDefaults,
        int[] explicitClasses,
        ConnectionSet[] explicitValues,
        ConnectionSet[] blockDefaults,
        int[] explicitBlocks,
        ConnectionSet[] explicitBlockValues,
        ConnectionSet ingressController)
        : this(groupDefaults, explicitClasses, explicitValues, ConnectionSet.None, explicitBlocks, explicitBlockValues, ingressController)
    {
        BlockDefaults = blockDefaults;
    }

    /// <summary>The value for a class with no explicit entry, by the class's peer group.</summary>
    public ConnectionSet[] GroupDefaults { get; }

    /// <summary>Classes with their own value, ascending.</summary>
    public int[] ExplicitClasses { get; }

    /// <summary>The values of <see cref="ExplicitClasses"/>.</summary>
    public ConnectionSet[] ExplicitValues { get; }

    /// <summary>The value for an external block with no explicit entry (when there are no <see cref="BlockDefaults"/>).</summary>
    public ConnectionSet ExternalDefault { get; }

    /// <summary>The values for external blocks with no explicit entry, by block index, or null when <see cref="ExternalDefault"/> is every such block's value.</summary>
    public ConnectionSet[]? BlockDefaults { get; }

    /// <summary>External blocks with their own value, ascending.</summary>
    public int[] ExplicitBlocks { get; }

    /// <summary>The values of <see cref="ExplicitBlocks"/>.</summary>
    public ConnectionSet[] ExplicitBlockValues { get; }

    /// <summary>The value for the ingress controller (ingress rows only).</summary>
    public ConnectionSet IngressController { get; }

    /// <summary>True when the row allows everything to every endpoint, over a cut of <paramref name="blocks"/> external blocks.</summary>
    /// <remarks>Judged by the values, not by which entries are explicit, so rows of the same traffic built over other classes agree.</remarks>
    public bool AllowsAll(int blocks) => BlockDefaultsAllowAll(blocks) && IngressController.IsAll
        && GroupDefaults.All(g => g.IsAll) && ExplicitValues.All(v => v.IsAll) && ExplicitBlockValues.All(v => v.IsAll);

    /// <summary>The value for a peer class in peer group <paramref name="group"/>.</summary>
    public ConnectionSet ForClass(int peerClass, int group)
    {
        var i = Array.BinarySearch(ExplicitClasses, peerClass);
        return i >= 0 ? ExplicitValues[i] : GroupDefaults[group];
    }

    /// <summary>The value for an external block.</summary>
    public ConnectionSet ForBlock(int block)
    {
        var i = Array.BinarySearch(ExplicitBlocks, block);
        return i >= 0 ? ExplicitBlockValues[i] : BlockDefaults is { } defaults ? defaults[block] : ExternalDefault;
    }

    /// <summary>True when every external block without an explicit entry is allowed everything.</summary>
    private bool BlockDefaultsAllowAll(int blocks)
    {
        if (BlockDefaults is null)
        {
            return ExternalDefault.IsAll || ExplicitBlocks.Length == blocks;
        }

        for (var b = 0; b < BlockDefaults.Length; b++)
        {
            if (!BlockDefaults[b].IsAll && Array.BinarySearch(ExplicitBlocks, b) < 0)
            {
                return false;
            }
        }

        return true;
    }
}
