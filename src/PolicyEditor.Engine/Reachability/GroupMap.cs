namespace PolicyEditor.Engine.Reachability;

/// <summary>
/// Which of a row's default values a peer group takes. The rules of one program row name few of the peer groups
/// (a Cilium cluster has as many groups as peer classes): each group they name takes the value of the part of the
/// named groups that those rules treat alike, every other group the value of one shared part (<see cref="Rest"/>).
/// A row then keeps one value per part instead of one per group, and is built in time of the groups it names.
/// </summary>
internal sealed class GroupMap
{
    /// <summary>The groups the rules name, ascending; null: every group is its own part.</summary>
    private readonly int[]? _named;
    private readonly int[] _partOfNamed;

    private GroupMap(int[]? named, int[] partOfNamed, int rest, int[] representatives)
    {
        _named = named;
        _partOfNamed = partOfNamed;
        Rest = rest;
        Representatives = representatives;
    }

    /// <summary>Every group in one part (a row whose default is the same for every group).</summary>
    public static GroupMap Uniform { get; } = new([], [], 0, [-1]);

    /// <summary>How many parts there are.</summary>
    public int Count => Representatives.Length;

    /// <summary>The part of the groups no rule names; -1 when the rules name every group.</summary>
    public int Rest { get; }

    /// <summary>A group of each part (-1 for <see cref="Uniform"/>'s only part).</summary>
    public int[] Representatives { get; }

    /// <summary>The groups the rules name, ascending (every other group is in <see cref="Rest"/>); null: every group is its own part.</summary>
    public int[]? NamedGroups => _named;

    /// <summary>Every group its own part.</summary>
    public static GroupMap Identity(int groupCount) => new(null, [], -1, [.. Enumerable.Range(0, groupCount)]);

    /// <summary>
    /// The map of the parts that <see cref="GroupMapBuilder"/> found: <paramref name="named"/> the named groups (ascending),
    /// <paramref name="partOfNamed"/> their parts, <paramref name="rest"/> the part of every other group (-1: none).
    /// </summary>
    internal static GroupMap Of(int[] named, int[] partOfNamed, int rest, int[] representatives) => new(named, partOfNamed, rest, representatives);

    /// <summary>The part of <paramref name="group"/>.</summary>
    public int PartOf(int group)
    {
        if (_named is null)
        {
            return group;
        }

        if (_named.Length == 0)
        {
            return Rest;
        }

        var i = Array.BinarySearch(_named, group);
        return i >= 0 ? _partOfNamed[i] : Rest;
    }
}
