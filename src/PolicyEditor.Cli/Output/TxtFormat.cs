using PolicyEditor.Engine.Addresses;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Reachability;

namespace PolicyEditor.Cli.Output;

/// <summary>
/// <c>-o txt</c>: one line per connection, <c>SOURCE => DESTINATION : CONNECTIONS</c>, the form other policy
/// analyzers print; IPv6 ranges are left out (the list describes the IPv4 space; JSON and the others hold them).
/// </summary>
internal sealed class TxtFormat : OutputFormat
{
    public override string Name => "txt";

    public override void WriteConnections(IReadOnlyList<ConnectionLine> lines, CliContext context)
    {
        if (lines.Any(l => IsIpv6(l.Connection.Source) || IsIpv6(l.Connection.Destination)))
        {
            context.Error.WriteLine("note: IPv6 address ranges are left out of the text list, which describes the IPv4 space; -o json, csv, md or dot list them.");
        }

        foreach (var line in lines.Where(l => !IsIpv6(l.Connection.Source) && !IsIpv6(l.Connection.Destination)))
        {
            context.Output.WriteLine(line.Reasons is null ? line.Connection.ToString() : $"{line.Connection} ({line.Reasons})");
        }
    }

    public override void WriteChanges(IReadOnlyList<ConnectionChange> changes, bool explained, CliContext context)
    {
        context.Output.WriteLine("Connectivity diff:");
        foreach (var change in changes.Where(c => !IsIpv6(c.Source) && !IsIpv6(c.Destination)))
        {
            context.Output.WriteLine(explained && change.Causes.Count > 0 ? $"{change}, causes: {string.Join("; ", change.Causes)}" : change.ToString());
        }
    }

    private static bool IsIpv6(Endpoint endpoint) => endpoint is ExternalEndpoint { Range.Family: IpFamily.V6 };
}
