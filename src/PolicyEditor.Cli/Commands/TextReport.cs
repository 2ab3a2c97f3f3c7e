using PolicyEditor.Engine.Addresses;
using PolicyEditor.Engine.Evaluation;

namespace PolicyEditor.Cli.Commands;

/// <summary>What the text reports of <c>list</c> and <c>diff</c> leave out.</summary>
internal static class TextReport
{
    /// <summary>
    /// Whether a pair with this end is left out of a text report: the text describes the IPv4 space, as
    /// the tools it is compared with do, so IPv6 address ranges are listed by <c>--output json</c> only.
    /// </summary>
    public static bool LeavesOut(Endpoint endpoint) => endpoint is ExternalEndpoint { Range.Family: IpFamily.V6 };
}
