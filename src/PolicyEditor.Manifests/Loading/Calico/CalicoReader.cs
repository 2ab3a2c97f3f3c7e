using System.Globalization;
using PolicyEditor.Engine.Addresses;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Model.Calico;
using PolicyEditor.Engine.Program;

namespace PolicyEditor.Manifests.Loading.Calico;

/// <summary>
/// Reads projectcalico.org/v3 objects (and their crd.projectcalico.org/v1 form): NetworkPolicy,
/// GlobalNetworkPolicy, their staged kinds and StagedKubernetesNetworkPolicy, Tier, NetworkSet,
/// GlobalNetworkSet, Profile and HostEndpoint. An object Calico's API server would refuse is reported
/// and not loaded.
/// </summary>
internal static class CalicoReader
{
    /// <summary>The Calico kinds this reader loads.</summary>
    public static readonly IReadOnlySet<string> Kinds = new HashSet<string>(
        ["NetworkPolicy", "GlobalNetworkPolicy", "StagedNetworkPolicy", "StagedGlobalNetworkPolicy", "StagedKubernetesNetworkPolicy",
         "Tier", "NetworkSet", "GlobalNetworkSet", "Profile", "HostEndpoint", WorkloadEndpointReader.Kind, FelixConfigurationReader.Kind],
        StringComparer.Ordinal);

    /// <summary>The Calico kinds that have no namespace.</summary>
    public static readonly IReadOnlySet<string> ClusterScopedKinds = new HashSet<string>(
        ["GlobalNetworkPolicy", "StagedGlobalNetworkPolicy", "Tier", "GlobalNetworkSet", "Profile", "HostEndpoint", FelixConfigurationReader.Kind], StringComparer.Ordinal);

    /// <summary>True for an apiVersion of Calico's API groups.</summary>
    public static bool IsCalico(string? apiVersion) =>
        apiVersion is not null && (apiVersion.StartsWith("projectcalico.org/", StringComparison.Ordinal) || apiVersion.StartsWith("crd.projectcalico.org/", StringComparison.Ordinal));

    /// <summary>Reads one Calico object; null when it was not loaded (the reasons are reported).</summary>
    public static IPolicyResource? Read(ReadScope scope, YamlTreeMapping root, string kind, string? ns, string name)
    {
        var errorsBefore = scope.ErrorCount;
        var spec = scope.Mapping(ReadScope.Get(root, "spec"), "spec");
        IPolicyResource? result = kind switch
        {
            "NetworkPolicy" => ReadPolicy(scope, spec, CalicoPolicyKind.NetworkPolicy, ns, name),
            "GlobalNetworkPolicy" => ReadPolicy(scope, spec, CalicoPolicyKind.GlobalNetworkPolicy, null, name),
            "StagedNetworkPolicy" => ReadPolicy(scope, spec, CalicoPolicyKind.StagedNetworkPolicy, ns, name),
            "StagedGlobalNetworkPolicy" => ReadPolicy(scope, spec, CalicoPolicyKind.StagedGlobalNetworkPolicy, null, name),
            "StagedKubernetesNetworkPolicy" => ReadStagedKubernetes(scope, root, spec, ns!, name),
            "Tier" => ReadTier(scope, spec, name),
            "NetworkSet" => ReadNetworkSet(scope, root, spec, ns, name),
            "GlobalNetworkSet" => ReadNetworkSet(scope, root, spec, null, name),
            "Profile" => ReadProfile(scope, spec, name),
            "HostEndpoint" => ReadHostEndpoint(scope, root, spec, name),
            FelixConfigurationReader.Kind => FelixConfigurationReader.Read(scope, spec, name),
            _ => null,
        };

        if (scope.ErrorCount > errorsBefore)
        {
            scope.Error(root, null, $"the {kind} was not loaded: Calico would reject it because of the errors reported for it.");
            return null;
        }

        return result;
    }

    private static CalicoPolicy ReadPolicy(ReadScope scope, YamlTreeMapping? spec, CalicoPolicyKind kind, string? ns, string name)
    {
        var global = kind is CalicoPolicyKind.GlobalNetworkPolicy or CalicoPolicyKind.StagedGlobalNetworkPolicy;
        var staged = kind is CalicoPolicyKind.StagedNetworkPolicy or CalicoPolicyKind.StagedGlobalNetworkPolicy;
        string[] fields = ["order", "tier", "selector", "serviceAccountSelector", "types", "ingress", "egress", "performanceHints"];
        if (global)
        {
            fields = [.. fields, "namespaceSelector", "doNotTrack", "preDNAT", "applyOnForward"];
        }

        if (staged)
        {
            fields = [.. fields, "stagedAction"];
        }

        scope.CheckFields(spec, "spec", fields);
        var order = ReadOrder(scope, ReadScope.Get(spec, "order"), "spec.order");
        var tier = scope.String(ReadScope.Get(spec, "tier"), "spec.tier");
        if (string.IsNullOrEmpty(tier))
        {
            tier = CalicoPolicy.DefaultTier;
        }

        var selector = CalicoRuleReader.ReadSelector(scope, ReadScope.Get(spec, "selector"), "spec.selector") ?? CalicoSelector.All;
        var namespaceSelector = global ? CalicoRuleReader.ReadSelector(scope, ReadScope.Get(spec, "namespaceSelector"), "spec.namespaceSelector") : null;
        var accountSelector = CalicoRuleReader.ReadSelector(scope, ReadScope.Get(spec, "serviceAccountSelector"), "spec.serviceAccountSelector");
        var types = new List<TrafficDirection>();
        foreach (var item in scope.List(ReadScope.Get(spec, "types"), "spec.types"))
        {
            switch (scope.String(item, "spec.types"))
            {
                case "Ingress" when !types.Contains(TrafficDirection.Ingress): types.Add(TrafficDirection.Ingress); break;
                case "Egress" when !types.Contains(TrafficDirection.Egress): types.Add(TrafficDirection.Egress); break;
                case "Ingress" or "Egress": break;
                case var other: scope.Error(item, "spec.types", $"'{other}' is not a policy type; use Ingress and/or Egress."); break;
            }
        }

        var ingress = CalicoRuleReader.ReadRules(scope, ReadScope.Get(spec, "ingress"), "spec.ingress");
        var egress = CalicoRuleReader.ReadRules(scope, ReadScope.Get(spec, "egress"), "spec.egress");
        if (types.Count > 0)
        {
            if (!types.Contains(TrafficDirection.Ingress) && ingress.Count > 0)
            {
                scope.Warning(ReadScope.Get(spec, "ingress"), "spec.ingress", "types does not list Ingress, so these ingress rules are never used.");
            }

            if (!types.Contains(TrafficDirection.Egress) && egress.Count > 0)
            {
                scope.Warning(ReadScope.Get(spec, "egress"), "spec.egress", "types does not list Egress, so these egress rules are never used.");
            }
        }

        var hostOptions = new List<string>();
        foreach (var option in (string[])["doNotTrack", "preDNAT", "applyOnForward"])
        {
            if (global && scope.String(ReadScope.Get(spec, option), $"spec.{option}") == "true")
            {
                hostOptions.Add(option);
            }
        }

        string? stagedAction = null;
        if (staged)
        {
            stagedAction = ReadStagedAction(scope, spec);
        }

        return new CalicoPolicy(kind, ns, name, tier, order, selector, namespaceSelector, accountSelector, types.ToArray(), ingress.ToArray(), egress.ToArray())
        {
            StagedAction = stagedAction,
            HostOptions = hostOptions.ToArray(),
        };
    }

    private static string? ReadStagedAction(ReadScope scope, YamlTreeMapping? spec)
    {
        var node = ReadScope.Get(spec, "stagedAction");
        var action = scope.String(node, "spec.stagedAction");
        if (action is null or "Set" or "Delete")
        {
            return action;
        }

        scope.Error(node, "spec.stagedAction", $"stagedAction '{action}' is not Set or Delete.");
        return null;
    }

    private static StagedKubernetesNetworkPolicy? ReadStagedKubernetes(ReadScope scope, YamlTreeMapping root, YamlTreeMapping? spec, string ns, string name)
    {
        var stagedAction = ReadStagedAction(scope, spec);

        // The rest of the spec is a Kubernetes NetworkPolicy's: read it as one, without stagedAction.
        var plain = new YamlTreeMapping(root.Line, root.Column);
        foreach (var (key, value) in root.Entries)
        {
            if (key.Value == "spec" && value is YamlTreeMapping s)
            {
                var copy = new YamlTreeMapping(s.Line, s.Column);
                foreach (var (k, v) in s.Entries.Where(e => e.Key.Value != "stagedAction"))
                {
                    copy.Add(k, v);
                }

                plain.Add(key, copy);
            }
            else
            {
                plain.Add(key, value);
            }
        }

        return NetworkPolicyReader.Read(scope, plain, ns, name) is { } policy ? new StagedKubernetesNetworkPolicy(policy, stagedAction) : null;
    }

    private static CalicoTier ReadTier(ReadScope scope, YamlTreeMapping? spec, string name)
    {
        scope.CheckFields(spec, "spec", "order", "defaultAction");
        var order = ReadOrder(scope, ReadScope.Get(spec, "order"), "spec.order");
        var actionNode = ReadScope.Get(spec, "defaultAction");
        var action = TierDefault.Deny;
        switch (scope.String(actionNode, "spec.defaultAction"))
        {
            case null or "Deny": break;
            case "Pass": action = TierDefault.Pass; break;
            case var other: scope.Error(actionNode, "spec.defaultAction", $"defaultAction '{other}' is not Deny or Pass."); break;
        }

        return new CalicoTier(name, order, action);
    }

    private static CalicoNetworkSet ReadNetworkSet(ReadScope scope, YamlTreeMapping root, YamlTreeMapping? spec, string? ns, string name)
    {
        scope.CheckFields(spec, "spec", "nets", "allowedEgressDomains");
        var labels = scope.StringMap(ReadScope.Get(ReadScope.Get(root, "metadata"), "labels"), "metadata.labels");
        var nets = new List<Cidr>();
        var items = scope.List(ReadScope.Get(spec, "nets"), "spec.nets");
        for (var i = 0; i < items.Count; i++)
        {
            var text = scope.String(items[i], $"spec.nets[{i}]");
            if (text is null)
            {
                continue;
            }

            if (CalicoRuleReader.TryParseNet(text, out var cidr, out var error))
            {
                nets.Add(cidr);
            }
            else
            {
                scope.Error(items[i], $"spec.nets[{i}]", $"{error}.");
            }
        }

        var domains = scope.List(ReadScope.Get(spec, "allowedEgressDomains"), "spec.allowedEgressDomains")
            .Select((d, i) => scope.String(d, $"spec.allowedEgressDomains[{i}]")).OfType<string>().ToArray();
        if (domains.Length > 0)
        {
            scope.Info(ReadScope.Get(spec, "allowedEgressDomains"), "spec.allowedEgressDomains", "domain names are kept but not evaluated: the manifests do not say which addresses they resolve to.");
        }

        return new CalicoNetworkSet(ns, name, labels, nets.ToArray()) { AllowedEgressDomains = domains };
    }

    private static CalicoProfile ReadProfile(ReadScope scope, YamlTreeMapping? spec, string name)
    {
        scope.CheckFields(spec, "spec", "ingress", "egress", "labelsToApply");
        return new CalicoProfile(
            name,
            CalicoRuleReader.ReadRules(scope, ReadScope.Get(spec, "ingress"), "spec.ingress").ToArray(),
            CalicoRuleReader.ReadRules(scope, ReadScope.Get(spec, "egress"), "spec.egress").ToArray(),
            scope.StringMap(ReadScope.Get(spec, "labelsToApply"), "spec.labelsToApply"));
    }

    private static CalicoHostEndpoint ReadHostEndpoint(ReadScope scope, YamlTreeMapping root, YamlTreeMapping? spec, string name)
    {
        scope.CheckFields(spec, "spec", "node", "interfaceName", "expectedIPs", "profiles", "ports");
        var labels = scope.StringMap(ReadScope.Get(ReadScope.Get(root, "metadata"), "labels"), "metadata.labels");
        var ips = new List<Cidr>();
        var items = scope.List(ReadScope.Get(spec, "expectedIPs"), "spec.expectedIPs");
        for (var i = 0; i < items.Count; i++)
        {
            var text = scope.String(items[i], $"spec.expectedIPs[{i}]");
            if (text is not null && !text.Contains('/') && CalicoRuleReader.TryParseNet(text, out var ip, out _))
            {
                ips.Add(ip);
            }
            else if (text is not null)
            {
                scope.Error(items[i], $"spec.expectedIPs[{i}]", $"'{text}' is not an IP address.");
            }
        }

        var profiles = scope.List(ReadScope.Get(spec, "profiles"), "spec.profiles")
            .Select((p, i) => scope.String(p, $"spec.profiles[{i}]")).OfType<string>().ToArray();
        return new CalicoHostEndpoint(name, scope.String(ReadScope.Get(spec, "node"), "spec.node"), scope.String(ReadScope.Get(spec, "interfaceName"), "spec.interfaceName"),
            ips.ToArray(), labels, profiles)
        {
            Ports = WorkloadEndpointReader.ReadPorts(scope, spec).ToValueArray(),
        };
    }

    private static double? ReadOrder(ReadScope scope, YamlTreeNode? node, string field)
    {
        if (node is null)
        {
            return null;
        }

        if (node is YamlTreeScalar { Quoted: false } s && double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var order) && double.IsFinite(order))
        {
            return order;
        }

        scope.Error(node, field, $"order must be a number (lower runs first) but found {ReadScope.Show(node)}.");
        return null;
    }
}
