using System.Text;
using PolicyEditor.Engine.Reachability;

namespace PolicyEditor.Web.Reviews;

/// <summary>A review as Markdown, ready to paste into a pull request: summary, impact, YAML diff, decisions and discussion.</summary>
public static class ReviewReport
{
    public static string ToMarkdown(ReviewSession review, string workspaceName, IReadOnlyList<ConnectionChange> impact, IReadOnlyList<PolicyYamlDiff> diffs)
    {
        var md = new StringBuilder();
        md.AppendLine($"## Network policy review: {Escape(review.Title)}");
        md.AppendLine();
        md.AppendLine($"Workspace **{Escape(workspaceName)}**, change against version {review.BaseVersion}, opened by {Escape(review.Author)} on {review.Created:yyyy-MM-dd HH:mm} UTC. Status: **{review.Status}**{(review.MergedVersion is { } v ? $" as version {v}" : string.Empty)}.");
        md.AppendLine();
        var blocked = impact.Count(c => c.Kind == ChangeKind.Removed);
        var allowed = impact.Count(c => c.Kind == ChangeKind.Added);
        var changed = impact.Count(c => c.Kind == ChangeKind.Changed);
        md.AppendLine($"**Impact:** {blocked} connection(s) newly blocked, {allowed} newly allowed, {changed} changed; {diffs.Count} policy file(s) touched.");
        md.AppendLine();
        if (impact.Count > 0)
        {
            md.AppendLine("| | Source | Destination | Before | After | Caused by |");
            md.AppendLine("|---|---|---|---|---|---|");
            foreach (var c in impact.OrderBy(c => c.Kind).ThenBy(c => c.Source.Id, StringComparer.Ordinal).Take(200))
            {
                var kind = c.Kind switch { ChangeKind.Removed => "blocked", ChangeKind.Added => "allowed", _ => "changed" };
                md.AppendLine($"| {kind} | `{c.Source}` | `{c.Destination}` | {c.Before} | {c.After} | {string.Join(", ", c.Causes.Select(x => $"`{x}`"))} |");
            }

            if (impact.Count > 200)
            {
                md.AppendLine($"| | … and {impact.Count - 200} more | | | | |");
            }

            md.AppendLine();
        }

        foreach (var diff in diffs)
        {
            md.AppendLine($"<details><summary><code>{diff.Policy}</code> ({diff.Change})</summary>");
            md.AppendLine();
            md.AppendLine("```diff");
            foreach (var line in diff.Lines)
            {
                md.AppendLine(line.ToString());
            }

            md.AppendLine("```");
            md.AppendLine("</details>");
            md.AppendLine();
        }

        md.AppendLine("### Decisions");
        md.AppendLine();
        var decisions = review.CurrentDecisions.ToList();
        if (decisions.Count == 0)
        {
            md.AppendLine("None yet.");
        }

        foreach (var d in decisions.OrderBy(d => d.Time))
        {
            var what = d.Kind == DecisionKind.Approve ? "approved" : "requested changes";
            md.AppendLine($"- {Escape(d.User)} {what} at revision {d.AtRevision}{(review.IsStale(d) ? " (stale: the draft changed since)" : string.Empty)}{(string.IsNullOrWhiteSpace(d.Note) ? string.Empty : $": {Escape(d.Note!)}")}");
        }

        md.AppendLine();
        var threads = review.Threads.ToList();
        if (threads.Count > 0)
        {
            md.AppendLine("### Discussion");
            md.AppendLine();
            foreach (var thread in threads)
            {
                md.AppendLine($"- **{Escape(thread.Author)}** on {thread.Anchor}{(thread.Resolved ? " (resolved)" : string.Empty)}: {Escape(thread.Text)}");
                foreach (var reply in review.Replies(thread.Id))
                {
                    md.AppendLine($"  - **{Escape(reply.Author)}**: {Escape(reply.Text)}");
                }
            }

            md.AppendLine();
        }

        md.AppendLine($"Participants: {string.Join(", ", review.Participants.Select(p => $"{Escape(p.Name)} ({p.Role.ToString().ToLowerInvariant()})"))}.");
        return md.ToString();
    }

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
