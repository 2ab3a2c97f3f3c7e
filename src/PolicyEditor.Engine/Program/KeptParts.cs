using System.Runtime.CompilerServices;

namespace PolicyEditor.Engine.Program;

/// <summary>
/// What earlier compiles made of the parts kept for reuse (<see cref="ProgramBuilder.Reuse"/>), for every compile, not only
/// an edit's next one: each matrix and each edit's new state builds a fresh evaluator over the same resource objects, and
/// compiles them again. Per key object, the part as last compiled (with its context); an entry lives as long as its key
/// object, so a resource that is gone takes its parts with it. Safe to use from several threads.
/// </summary>
internal sealed class KeptParts
{
    /// <summary>The parts every evaluator of this process shares.</summary>
    public static readonly KeptParts Everywhere = new();

    private readonly ConditionalWeakTable<object, Parts> _parts = new();

    /// <summary>What the part made, when it was last compiled in an equal context.</summary>
    public ProgramMemo.Entry? Find(object key, string part, object context)
    {
        if (!_parts.TryGetValue(key, out var parts))
        {
            return null;
        }

        foreach (var (name, entry) in Volatile.Read(ref parts.Items))
        {
            if (string.Equals(name, part, StringComparison.Ordinal))
            {
                return Equals(entry.Context, context) ? entry : null;
            }
        }

        return null;
    }

    /// <summary>Keeps what the part made, in place of what an earlier compile made of it.</summary>
    public void Add(object key, string part, ProgramMemo.Entry entry)
    {
        var parts = _parts.GetValue(key, static _ => new Parts());
        lock (parts)
        {
            var items = parts.Items;
            var at = 0;
            while (at < items.Length && !string.Equals(items[at].Part, part, StringComparison.Ordinal))
            {
                at++;
            }

            if (at < items.Length && ReferenceEquals(items[at].Entry, entry))
            {
                return;
            }

            var next = new (string Part, ProgramMemo.Entry Entry)[Math.Max(items.Length, at + 1)];
            items.CopyTo(next, 0);
            next[at] = (part, entry);
            Volatile.Write(ref parts.Items, next);
        }
    }

    /// <summary>The parts of one key object: few, so an array, replaced whole on each change and read without a lock.</summary>
    private sealed class Parts
    {
        public (string Part, ProgramMemo.Entry Entry)[] Items = [];
    }
}
