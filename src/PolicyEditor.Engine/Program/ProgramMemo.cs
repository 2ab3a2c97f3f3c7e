using PolicyEditor.Engine.Evaluation;

namespace PolicyEditor.Engine.Program;

/// <summary>
/// What one compile of the program made of each part a dialect asked to keep (<see cref="ProgramBuilder.Reuse"/>): the
/// policies the part added, the warnings it gave and the value it returned, with the context it was compiled in. The
/// next compile (an edit's) hands the same objects back for each part whose object and context are unchanged.
/// </summary>
internal sealed class ProgramMemo
{
    private readonly Dictionary<(object Key, string Part), Entry> _entries = new(KeyComparer.Instance);

    /// <summary>What the part made, when it was compiled in an equal context.</summary>
    public Entry? Find(object key, string part, object context) =>
        _entries.TryGetValue((key, part), out var entry) && Equals(entry.Context, context) ? entry : null;

    public void Add(object key, string part, Entry entry) => _entries[(key, part)] = entry;

    /// <summary>What a part made: its value, and the policies and warnings it added, in order.</summary>
    internal sealed record Entry(object Context, object? Value, List<(string Tier, ProgramPolicy Policy)> Policies, List<EngineDiagnostic> Warnings);

    /// <summary>Keys by reference (the same resource object), parts by name.</summary>
    private sealed class KeyComparer : IEqualityComparer<(object Key, string Part)>
    {
        public static readonly KeyComparer Instance = new();

        public bool Equals((object Key, string Part) x, (object Key, string Part) y) =>
            ReferenceEquals(x.Key, y.Key) && string.Equals(x.Part, y.Part, StringComparison.Ordinal);

        public int GetHashCode((object Key, string Part) obj) =>
            HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj.Key), StringComparer.Ordinal.GetHashCode(obj.Part));
    }
}
