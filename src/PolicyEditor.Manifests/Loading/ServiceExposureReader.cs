using PolicyEditor.Engine.Addresses;
using PolicyEditor.Engine.Model;

namespace PolicyEditor.Manifests.Loading;

/// <summary>Reads how a Service is reached from outside the cluster: its type, the load balancer's source ranges and the external traffic policy.</summary>
internal static class ServiceExposureReader
{
    public static Service ReadExternal(ReadScope scope, YamlTreeNode? spec, Service service)
    {
        var typeNode = ReadScope.Get(spec, "type");
        var typeText = scope.String(typeNode, "spec.type");
        var type = ServiceType.ClusterIP;
        if (typeText is not null && !Enum.TryParse(typeText, ignoreCase: false, out type))
        {
            scope.Warning(typeNode, "spec.type", $"Service type '{typeText}' is not one of ClusterIP, NodePort, LoadBalancer, ExternalName; it is read as ClusterIP.");
            type = ServiceType.ClusterIP;
        }

        var ranges = new List<Cidr>();
        var items = scope.List(ReadScope.Get(spec, "loadBalancerSourceRanges"), "spec.loadBalancerSourceRanges");
        for (var i = 0; i < items.Count; i++)
        {
            var text = scope.String(items[i], $"spec.loadBalancerSourceRanges[{i}]");
            if (text is null)
            {
                continue;
            }

            if (Cidr.TryParse(text.Trim(), out var cidr, out var error))
            {
                ranges.Add(cidr);
            }
            else
            {
                scope.Warning(items[i], $"spec.loadBalancerSourceRanges[{i}]", $"'{text}' is not a CIDR block ({error}); it is ignored.");
            }
        }

        var policyNode = ReadScope.Get(spec, "externalTrafficPolicy");
        var policy = scope.String(policyNode, "spec.externalTrafficPolicy");
        if (policy is not null and not ("Cluster" or "Local"))
        {
            scope.Warning(policyNode, "spec.externalTrafficPolicy", $"externalTrafficPolicy '{policy}' is not Cluster or Local; Cluster is assumed.");
        }

        return service with { Type = type, LoadBalancerSourceRanges = ranges.ToValueArray(), ExternalTrafficLocal = policy == "Local" };
    }
}
