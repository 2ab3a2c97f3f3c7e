using PolicyEditor.Engine.Addresses;

namespace PolicyEditor.Manifests.Loading;

/// <summary>
/// The addresses a running pod's manifest gives: a Pod's <c>status.podIP</c> and <c>status.podIPs[].ip</c>,
/// a KubeVirt VirtualMachineInstance's <c>status.interfaces[].ipAddress</c> and <c>ipAddresses</c>. Each is one
/// host (a /32 or /128 network) that admin <c>networks</c> peers match.
/// </summary>
internal static class PodAddressReader
{
    public static List<Cidr> Read(ReadScope scope, YamlTreeNode? root)
    {
        var status = ReadScope.Get(root, "status");
        var addresses = new List<Cidr>();
        Add(scope, ReadScope.Get(status, "podIP"), "status.podIP", addresses);
        var podIps = scope.List(ReadScope.Get(status, "podIPs"), "status.podIPs");
        for (var i = 0; i < podIps.Count; i++)
        {
            Add(scope, ReadScope.Get(podIps[i], "ip"), $"status.podIPs[{i}].ip", addresses);
        }

        var interfaces = scope.List(ReadScope.Get(status, "interfaces"), "status.interfaces");
        for (var i = 0; i < interfaces.Count; i++)
        {
            Add(scope, ReadScope.Get(interfaces[i], "ipAddress"), $"status.interfaces[{i}].ipAddress", addresses);
            var ips = scope.List(ReadScope.Get(interfaces[i], "ipAddresses"), $"status.interfaces[{i}].ipAddresses");
            for (var j = 0; j < ips.Count; j++)
            {
                Add(scope, ips[j], $"status.interfaces[{i}].ipAddresses[{j}]", addresses);
            }
        }

        return addresses;
    }

    private static void Add(ReadScope scope, YamlTreeNode? node, string field, List<Cidr> addresses)
    {
        var text = scope.String(node, field);
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        var host = text.Contains(':', StringComparison.Ordinal) ? $"{text}/128" : $"{text}/32";
        if (!Cidr.TryParse(host, out var cidr, out _) || text.Contains('/', StringComparison.Ordinal))
        {
            scope.Warning(node, field, $"'{text}' is not an IP address; it is ignored.");
            return;
        }

        if (!addresses.Contains(cidr))
        {
            addresses.Add(cidr);
        }
    }
}
