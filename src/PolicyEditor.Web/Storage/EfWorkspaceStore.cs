using Microsoft.EntityFrameworkCore;
using PolicyEditor.Engine.Model;
using PolicyEditor.Web.Storage.Rows;
using PolicyEditor.Web.Workspace;

namespace PolicyEditor.Web.Storage;

/// <summary>
/// Workspaces in a database through EF Core (SQLite or PostgreSQL, the same code). A save writes only what
/// changed: the workspace row, the draft policies an edit touched, new edit-log entries, and a new version
/// when the baseline moved; clusters are kept as content-addressed blobs, so versions and edits that share a
/// frame share its row. Every save is one transaction that names the revision it replaces: a writer that
/// lost a race (another instance saved first) gets a <see cref="WorkspaceConflictException"/>, never a mix.
/// </summary>
public sealed class EfWorkspaceStore(IDbContextFactory<StorageContext> contexts) : IWorkspaceStore
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<WorkspaceSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Workspaces.AsNoTracking().OrderByDescending(w => w.Updated).ToListAsync(cancellationToken);
        return [.. rows.Select(w => new WorkspaceSummary(w.Id, w.Name, FromTicks(w.Updated), w.WorkloadCount, w.PolicyCount, w.HasDraftChanges, w.RequiredApprovals))];
    }

    /// <inheritdoc />
    public async Task<WorkspaceState?> LoadAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Workspaces.AsNoTracking().SingleOrDefaultAsync(w => w.Id == id, cancellationToken);
        if (row is null)
        {
            return null;
        }

        var blobs = new BlobReader(db, id);
        var versionRow = await db.Versions.AsNoTracking().SingleAsync(v => v.WorkspaceId == id && v.Number == row.BaselineNumber, cancellationToken);
        var baseline = await ReadVersionAsync(versionRow, blobs, cancellationToken);

        var frame = ClusterCodec.DecodeFrame(await blobs.TextAsync(row.DraftFrame, cancellationToken));
        var policyRows = await db.DraftPolicies.AsNoTracking().Where(p => p.WorkspaceId == id).OrderBy(p => p.Position).ToListAsync(cancellationToken);
        var draft = frame with { NetworkPolicies = policyRows.Select(p => ClusterCodec.DecodePolicy(p.Yaml)).ToValueArray() };

        // The draft equal to the baseline is the baseline itself, as the service makes it.
        if (draft.Equals(baseline.Cluster))
        {
            draft = baseline.Cluster;
        }

        var editRows = await db.Edits.AsNoTracking().Where(e => e.WorkspaceId == id).OrderBy(e => e.Revision).ToListAsync(cancellationToken);
        var edits = new List<DraftEdit>(editRows.Count);
        foreach (var e in editRows)
        {
            edits.Add(new DraftEdit(
                e.Revision,
                e.AuthorId,
                e.Author,
                FromTicks(e.Time),
                e.Description,
                ClusterCodec.DecodeChanges(e.Changes),
                ClusterCodec.DecodeChanges(e.Inverse),
                await blobs.ClusterAsync(e.FromFrame, e.FromPolicies, cancellationToken),
                await blobs.ClusterAsync(e.WithFrame, e.WithPolicies, cancellationToken)));
        }

        return new WorkspaceState(row.Id, row.Name, row.Revision, FromTicks(row.Updated), baseline, draft, edits, row.UndoDepth) { RequiredApprovals = row.RequiredApprovals };
    }

    /// <inheritdoc />
    public async Task SaveAsync(WorkspaceState? previous, WorkspaceState next, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var blobs = new BlobWriter(db, next.Id);

        WorkspaceRow row;
        if (previous is null)
        {
            row = new WorkspaceRow { Id = next.Id };
            db.Workspaces.Add(row);
        }
        else
        {
            row = await db.Workspaces.SingleOrDefaultAsync(w => w.Id == next.Id, cancellationToken)
                ?? throw new WorkspaceConflictException($"Workspace {next.Id} was deleted while it was being changed.");
            if (row.Revision != previous.Revision)
            {
                throw new WorkspaceConflictException($"Workspace {next.Id} is at revision {row.Revision}, not {previous.Revision}: someone else saved it first.");
            }
        }

        row.Name = next.Name;
        row.RequiredApprovals = next.RequiredApprovals;
        row.Revision = next.Revision;
        row.Updated = next.Updated.UtcTicks;
        row.BaselineNumber = next.Baseline.Number;
        row.UndoDepth = next.UndoDepth;
        row.WorkloadCount = next.Draft.Workloads.Count;
        row.PolicyCount = next.Draft.NetworkPolicies.Count;
        row.HasDraftChanges = next.HasDraftChanges;

        // A new baseline is a new version in the history.
        if (previous is null || previous.Baseline.Number != next.Baseline.Number)
        {
            if (!await db.Versions.AnyAsync(v => v.WorkspaceId == next.Id && v.Number == next.Baseline.Number, cancellationToken))
            {
                var (frame, policies) = await blobs.ClusterAsync(next.Baseline.Cluster, cancellationToken);
                db.Versions.Add(new VersionRow
                {
                    WorkspaceId = next.Id,
                    Number = next.Baseline.Number,
                    Author = next.Baseline.Author,
                    Time = next.Baseline.Time.UtcTicks,
                    Message = next.Baseline.Message,
                    Frame = frame,
                    Policies = policies,
                    WorkloadCount = next.Baseline.Cluster.Workloads.Count,
                    PolicyCount = next.Baseline.Cluster.NetworkPolicies.Count,
                });
            }
        }

        // The draft's frame: rewritten only when it is not the same object as before (edits keep it).
        if (previous is null || !SameFrame(previous.Draft, next.Draft))
        {
            row.DraftFrame = await blobs.TextAsync(ClusterCodec.EncodeFrame(next.Draft), cancellationToken);
        }

        row.NextPosition = await SaveDraftPoliciesAsync(db, row, previous?.Draft, next.Draft, cancellationToken);
        await SaveEditsAsync(db, blobs, previous, next, cancellationToken);

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<WorkspaceVersion>> VersionsAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Versions.AsNoTracking().Where(v => v.WorkspaceId == id).OrderBy(v => v.Number).ToListAsync(cancellationToken);
        var blobs = new BlobReader(db, id);
        var versions = new List<WorkspaceVersion>(rows.Count);
        foreach (var row in rows)
        {
            versions.Add(await ReadVersionAsync(row, blobs, cancellationToken));
        }

        return versions;
    }

    /// <inheritdoc />
    public async Task DeleteAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.GraphPositions.Where(p => p.WorkspaceId == id).ExecuteDeleteAsync(cancellationToken);
        await db.Edits.Where(p => p.WorkspaceId == id).ExecuteDeleteAsync(cancellationToken);
        await db.DraftPolicies.Where(p => p.WorkspaceId == id).ExecuteDeleteAsync(cancellationToken);
        await db.Versions.Where(p => p.WorkspaceId == id).ExecuteDeleteAsync(cancellationToken);
        await db.Blobs.Where(p => p.WorkspaceId == id).ExecuteDeleteAsync(cancellationToken);
        await db.Workspaces.Where(p => p.Id == id).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task<WorkspaceVersion> ReadVersionAsync(VersionRow row, BlobReader blobs, CancellationToken cancellationToken)
    {
        var cluster = await blobs.ClusterAsync(row.Frame, row.Policies, cancellationToken)
            ?? throw new InvalidDataException($"Version {row.Number} of workspace {row.WorkspaceId} has no cluster.");
        return new WorkspaceVersion(row.Number, cluster, row.Author, FromTicks(row.Time), row.Message);
    }

    private static bool SameFrame(Cluster a, Cluster b) =>
        ReferenceEquals(a, b) || (a with { NetworkPolicies = ValueArray<NetworkPolicy>.Empty }).Equals(b with { NetworkPolicies = ValueArray<NetworkPolicy>.Empty });

    /// <summary>
    /// Brings the draft's policy rows from <paramref name="before"/> to <paramref name="after"/>: deletes the
    /// removed, rewrites the changed, appends the added; when the order changed otherwise, renumbers all.
    /// Returns the next free position.
    /// </summary>
    private static async Task<long> SaveDraftPoliciesAsync(StorageContext db, WorkspaceRow row, Cluster? before, Cluster after, CancellationToken cancellationToken)
    {
        var old = before?.NetworkPolicies.ToDictionary(p => p.Id, StringComparer.Ordinal) ?? new Dictionary<string, NetworkPolicy>(StringComparer.Ordinal);
        var now = after.NetworkPolicies.ToDictionary(p => p.Id, StringComparer.Ordinal);

        // The rows' positions still fit when the policies kept are in their old order and the new ones come after them.
        var appendedOnly = after.NetworkPolicies.Where(p => old.ContainsKey(p.Id)).Select(p => p.Id)
                .SequenceEqual(before?.NetworkPolicies.Where(p => now.ContainsKey(p.Id)).Select(p => p.Id) ?? [], StringComparer.Ordinal)
            && after.NetworkPolicies.SkipWhile(p => old.ContainsKey(p.Id)).All(p => !old.ContainsKey(p.Id));

        if (before is null || !appendedOnly)
        {
            await db.DraftPolicies.Where(p => p.WorkspaceId == row.Id).ExecuteDeleteAsync(cancellationToken);
            long position = 0;
            foreach (var policy in after.NetworkPolicies)
            {
                db.DraftPolicies.Add(new DraftPolicyRow { WorkspaceId = row.Id, Namespace = policy.Namespace, Name = policy.Name, Position = position++, Yaml = ClusterCodec.EncodePolicy(policy) });
            }

            return position;
        }

        var next = row.NextPosition;
        foreach (var (id, policy) in old.Where(o => !now.ContainsKey(o.Key)))
        {
            await db.DraftPolicies.Where(p => p.WorkspaceId == row.Id && p.Namespace == policy.Namespace && p.Name == policy.Name).ExecuteDeleteAsync(cancellationToken);
        }

        foreach (var policy in after.NetworkPolicies)
        {
            if (!old.TryGetValue(policy.Id, out var was))
            {
                db.DraftPolicies.Add(new DraftPolicyRow { WorkspaceId = row.Id, Namespace = policy.Namespace, Name = policy.Name, Position = next++, Yaml = ClusterCodec.EncodePolicy(policy) });
            }
            else if (!ReferenceEquals(was, policy) && !was.Equals(policy))
            {
                var yaml = ClusterCodec.EncodePolicy(policy);
                await db.DraftPolicies.Where(p => p.WorkspaceId == row.Id && p.Namespace == policy.Namespace && p.Name == policy.Name)
                    .ExecuteUpdateAsync(s => s.SetProperty(p => p.Yaml, yaml), cancellationToken);
            }
        }

        return next;
    }

    /// <summary>Adds the edit-log entries <paramref name="next"/> has and <paramref name="previous"/> had not, and drops those it no longer has.</summary>
    private static async Task SaveEditsAsync(StorageContext db, BlobWriter blobs, WorkspaceState? previous, WorkspaceState next, CancellationToken cancellationToken)
    {
        var had = previous?.Edits.Select(e => e.Revision).ToHashSet() ?? [];
        var has = next.Edits.Select(e => e.Revision).ToHashSet();
        var dropped = had.Where(r => !has.Contains(r)).ToList();
        if (dropped.Count > 0)
        {
            await db.Edits.Where(e => e.WorkspaceId == next.Id && dropped.Contains(e.Revision)).ExecuteDeleteAsync(cancellationToken);
        }

        foreach (var edit in next.Edits.Where(e => !had.Contains(e.Revision)))
        {
            var row = new EditRow
            {
                WorkspaceId = next.Id,
                Revision = edit.Revision,
                AuthorId = edit.AuthorId,
                Author = edit.Author,
                Time = edit.Time.UtcTicks,
                Description = edit.Description,
                Changes = ClusterCodec.EncodeChanges(edit.Changes),
                Inverse = ClusterCodec.EncodeChanges(edit.Inverse),
            };
            if (edit.ReplacedFrom is not null)
            {
                (row.FromFrame, row.FromPolicies) = await blobs.ClusterAsync(edit.ReplacedFrom, cancellationToken);
            }

            if (edit.ReplacedWith is not null)
            {
                (row.WithFrame, row.WithPolicies) = await blobs.ClusterAsync(edit.ReplacedWith, cancellationToken);
            }

            db.Edits.Add(row);
        }
    }

    private static DateTimeOffset FromTicks(long ticks) => new(ticks, TimeSpan.Zero);

    /// <summary>Writes blobs a save needs, once each.</summary>
    private sealed class BlobWriter(StorageContext db, Guid workspace)
    {
        private readonly HashSet<string> _known = new(StringComparer.Ordinal);

        public async Task<string> TextAsync(string text, CancellationToken cancellationToken)
        {
            var hash = ClusterCodec.Hash(text);
            if (_known.Add(hash) && !await db.Blobs.AnyAsync(b => b.WorkspaceId == workspace && b.Hash == hash, cancellationToken))
            {
                db.Blobs.Add(new BlobRow { WorkspaceId = workspace, Hash = hash, Length = text.Length, Content = ClusterCodec.Compress(text) });
            }

            return hash;
        }

        public async Task<(string Frame, string Policies)> ClusterAsync(Cluster cluster, CancellationToken cancellationToken) =>
            (await TextAsync(ClusterCodec.EncodeFrame(cluster), cancellationToken), await TextAsync(ClusterCodec.EncodePolicies(cluster.NetworkPolicies), cancellationToken));
    }

    /// <summary>Reads blobs, each once per load.</summary>
    private sealed class BlobReader(StorageContext db, Guid workspace)
    {
        private readonly Dictionary<string, string> _texts = new(StringComparer.Ordinal);

        public async Task<string> TextAsync(string hash, CancellationToken cancellationToken)
        {
            if (!_texts.TryGetValue(hash, out var text))
            {
                var blob = await db.Blobs.AsNoTracking().SingleOrDefaultAsync(b => b.WorkspaceId == workspace && b.Hash == hash, cancellationToken)
                    ?? throw new InvalidDataException($"Workspace {workspace} is missing stored data {hash}.");
                text = _texts[hash] = ClusterCodec.Decompress(blob.Content);
            }

            return text;
        }

        public async Task<Cluster?> ClusterAsync(string? frame, string? policies, CancellationToken cancellationToken)
        {
            if (frame is null || policies is null)
            {
                return null;
            }

            return ClusterCodec.DecodeFrame(await TextAsync(frame, cancellationToken)) with
            {
                NetworkPolicies = ClusterCodec.DecodePolicies(await TextAsync(policies, cancellationToken)),
            };
        }
    }
}
