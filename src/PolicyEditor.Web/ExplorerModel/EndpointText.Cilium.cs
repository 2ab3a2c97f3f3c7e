using PolicyEditor.Engine.Dialects.Cilium;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using Endpoint = PolicyEditor.Engine.Evaluation.Endpoint;

namespace PolicyEditor.Web.ExplorerModel;

/// <summary>Cilium's peers as typed: entities (<c>{host}</c>) and DNS names (<c>api.example.com[DNS]</c>, or a bare name in a workspace that uses Cilium).</summary>
public static partial class EndpointText
{
    /// <summary>An entity <c>{name}</c> or a DNS name written <c>name[DNS]</c>, or null.</summary>
    private static Endpoint? ParseOther(string text)
    {
        if (text.Length > 2 && text[0] == '{' && text[^1] == '}' && CiliumEntities.Specials.Contains(text[1..^1]))
        {
            return new SpecialEndpoint(text[1..^1]);
        }

        const string Dns = "[DNS]";
        return text.EndsWith(Dns, StringComparison.OrdinalIgnoreCase) && IsDnsName(text[..^Dns.Length]) ? new DnsEndpoint(CiliumFqdn.Normalize(text[..^Dns.Length])) : null;
    }

    /// <summary>A bare DNS name (<c>api.stripe.com</c>) in a workspace that uses Cilium, where rules can name it; else null.</summary>
    private static Endpoint? ParseDnsName(string text, Cluster cluster) =>
        CiliumDialect.IsUsedBy(cluster) && text.Contains('.', StringComparison.Ordinal) && IsDnsName(text) ? new DnsEndpoint(CiliumFqdn.Normalize(text)) : null;

    private static bool IsDnsName(string text) =>
        text.Length is > 0 and <= 253 && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '*' or '_') && !text.StartsWith('.');
}
