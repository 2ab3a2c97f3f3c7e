using PolicyEditor.Engine.Model;

namespace PolicyEditor.Web.Workspace;

/// <summary>
/// One change to a workspace's draft, as recorded: who, when, what in words, and the policy changes
/// with their inverse (so it can be undone), or, for a change to more than policies (an import),
/// the whole draft before and after.
/// </summary>
public sealed record DraftEdit(
    long Revision,
    string AuthorId,
    string Author,
    DateTimeOffset Time,
    string Description,
    IReadOnlyList<PolicyChange> Changes,
    IReadOnlyList<PolicyChange> Inverse,
    Cluster? ReplacedFrom = null,
    Cluster? ReplacedWith = null)
{
    /// <summary>True when the edit replaced the whole draft rather than some policies.</summary>
    public bool IsReplacement => ReplacedWith is not null;

    /// <summary>The namespace/name of every policy the edit touched.</summary>
    public IEnumerable<string> PolicyIds => Changes.Select(c => c.Id);
}
