using System.Net;
using System.Text;
using PolicyEditor.Engine.Reachability;

namespace PolicyEditor.Web.Reviews;

/// <summary>
/// A review as Markdown, ready to paste into a pull request: summary, impact, YAML diff, decisions and
/// discussion. What people wrote (titles, names, notes, comments) is text, never Markdown or HTML: it is
/// escaped so that it cannot become a link, an image, a checklist, a heading or markup in the pull request.
/// </summary>
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
                md.AppendLine($"| {kind} | {Code(c.Source.Id)} | {Code(c.Destination.Id)} | {Escape(c.Before.Describe())} | {Escape(c.After.Describe())} | {string.Join(", ", c.Causes.Select(x => Code(x.ToString())))} |");
            }

            if (impact.Count > 200)
            {
                md.AppendLine($"| | … and {impact.Count - 200} more | | | | |");
            }

            md.AppendLine();
        }

        foreach (var diff in diffs)
        {
            md.AppendLine($"<details><summary><code>{WebUtility.HtmlEncode(diff.Policy)}</code> ({WebUtility.HtmlEncode(diff.Change)})</summary>");
            md.AppendLine();
            var lines = diff.Lines.Select(l => l.ToString()).ToList();
            var fence = Fence(lines);
            md.AppendLine($"{fence}diff");
            foreach (var line in lines)
            {
                md.AppendLine(line);
            }

            md.AppendLine(fence);
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
                md.AppendLine($"- **{Escape(thread.Author)}** on {Escape(thread.Anchor.ToString())}{(thread.Resolved ? " (resolved)" : string.Empty)}: {Escape(thread.Text)}");
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

    /// <summary>
    /// Text someone wrote, as Markdown that shows exactly that text: on one line (so it can start no list,
    /// checklist, heading or quote), HTML's special characters as entities, and every character that makes
    /// links, images, emphasis, code or table cells within a line escaped.
    /// </summary>
    public static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            switch (c)
            {
                case '\r' or '\n' or '\t':
                    escaped.Append(' ');
                    break;
                case '<':
                    escaped.Append("&lt;");
                    break;
                case '>':
                    escaped.Append("&gt;");
                    break;
                case '&':
                    escaped.Append("&amp;");
                    break;
                case '\\' or '`' or '*' or '_' or '[' or ']' or '(' or ')' or '!' or '|' or '~':
                    escaped.Append('\\').Append(c);
                    break;
                default:
                    escaped.Append(char.IsControl(c) ? ' ' : c);
                    break;
            }
        }

        return escaped.ToString();
    }

    /// <summary>An identifier as inline code, whatever backticks it holds.</summary>
    private static string Code(string text)
    {
        var one = text.Replace('\n', ' ').Replace('|', '¦');
        var ticks = new string('`', LongestRun(one, '`') + 1);
        return $"{ticks} {one} {ticks}";
    }

    /// <summary>A code fence longer than any run of backticks in the block, so no line can close it early.</summary>
    private static string Fence(IEnumerable<string> lines) => new('`', Math.Max(3, lines.Select(l => LongestRun(l, '`')).DefaultIfEmpty(0).Max() + 1));

    private static int LongestRun(string text, char c)
    {
        int longest = 0, run = 0;
        foreach (var x in text)
        {
            run = x == c ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        return longest;
    }
}
