using PolicyEditor.Engine.Addresses;
using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;

namespace PolicyEditor.Engine.Reachability;

/// <summary>
/// Computes what one side decides for one subject workload over every unit, external block and the
/// ingress controller: walks only the rules of the policies that select the subject and the units
/// their peers take in, then applies the admin layers per group and per named unit.
/// </summary>
internal static class RowBuilder
{
    public static DirectionalRow Build(ExternalSpace external, IPeerUnits units, UnionCache unions, ProgramRows programRows, Workload subject, TrafficDirection direction, IEnumerable<NetworkPolicyMatcher> selecting, ProgramSelection? selection)
    {
        var groupCount = units.GroupCount;
        var ingress = direction == TrafficDirection.Ingress;
        var isolated = false;
        var baseVaries = false;
        var baseByGroup = new ConnectionSet[groupCount];
        Array.Fill(baseByGroup, ConnectionSet.None);
        var explicitValues = new Dictionary<int, ConnectionSet>();
        var externalBase = ConnectionSet.None;
        var explicitBlocks = new Dictionary<int, ConnectionSet>();
        var ingressController = ConnectionSet.None;

        foreach (var policy in selecting)
        {
            if (!policy.Affects(direction))
            {
                continue;
            }

            isolated = true;
            foreach (var rule in policy.Rules(direction))
            {
                if (rule.MatchesEveryPeer)
                {
                    if (ingress || rule.Ports.IsFixed)
                    {
                        var ports = rule.Ports.Resolve(subject);
                        for (var g = 0; g < groupCount; g++)
                        {
                            baseByGroup[g] = unions.Union(baseByGroup[g], ports);
                        }
                    }
                    else
                    {
                        baseVaries = true;
                        for (var g = 0; g < groupCount; g++)
                        {
                            baseByGroup[g] = baseByGroup[g].Union(rule.Ports.Resolve(units.RepresentativeOf(units.GroupRepresentative(g))));
                        }
                    }

                    externalBase = externalBase.Union(rule.Ports.Resolve(ingress ? subject : null));
                    ingressController = ingressController.Union(rule.Ports.Resolve(subject));
                    continue;
                }

                // The rule's ports towards the subject (ingress) or any destination (fixed ports), resolved once for all its peers.
                var fixedPorts = ingress || rule.Ports.IsFixed ? rule.Ports.Resolve(subject) : null;
                foreach (var peer in rule.Peers)
                {
                    if (peer.IsPods)
                    {
                        foreach (var u in units.UnitsOf(peer))
                        {
                            var ports = fixedPorts ?? rule.Ports.Resolve(units.RepresentativeOf(u));
                            explicitValues[u] = explicitValues.TryGetValue(u, out var before) ? unions.Union(before, ports) : ports;
                        }

                        if (ingress && peer.MatchesEveryPod)
                        {
                            ingressController = ingressController.Union(rule.Ports.Resolve(subject));
                        }
                    }
                    else if (peer.Addresses is not null)
                    {
                        var ports = fixedPorts ?? rule.Ports.Fixed;
                        foreach (var b in units.BlocksOf(peer))
                        {
                            explicitBlocks[b] = explicitBlocks.TryGetValue(b, out var before) ? unions.Union(before, ports) : ports;
                        }
                    }
                }
            }
        }

        if (selection is null)
        {
            if (!isolated)
            {
                return AllowAll(groupCount);
            }

            return Compose(unions, baseByGroup, explicitValues, units, externalBase, explicitBlocks, ingressController);
        }

        // The program's tiers: the result for a peer depends on the rules matching it and on what NetworkPolicies allow it.
        // Rows of one kind whose NetworkPolicies allow the same to every group and block share those values' arrays.
        var walks = programRows.For(selection, subject, direction, isolated);
        var defaults = baseVaries ? walks.ToGroups(units, baseByGroup) : walks.ToGroups(units, groupCount == 0 ? ConnectionSet.None : baseByGroup[0]);
        var layeredUnits = new int[explicitValues.Count];
        var layeredValues = new ConnectionSet[layeredUnits.Length];
        var i = 0;
        foreach (var (u, value) in explicitValues)
        {
            var g = units.GroupOf(u);
            layeredUnits[i] = u;
            layeredValues[i++] = walks.ToGroup(g, units.RepresentativeOf(units.GroupRepresentative(g)), unions.Union(value, baseByGroup[g]));
        }

        Array.Sort(layeredUnits, layeredValues);
        var blockValues = walks.ToBlocks(external, externalBase);
        if (explicitBlocks.Count > 0)
        {
            blockValues = (ConnectionSet[])blockValues.Clone();
            foreach (var (b, value) in explicitBlocks)
            {
                blockValues[b] = walks.ToBlock(external.Blocks[b], unions.Union(externalBase, value));
            }
        }

        var controller = ingress ? walks.ToIngressController(ingressController) : ConnectionSet.All;
        return new DirectionalRow(defaults, layeredUnits, layeredValues, ConnectionSet.None, programRows.EveryBlock, blockValues, controller);
    }

    private static DirectionalRow AllowAll(int groupCount)
    {
        var all = new ConnectionSet[groupCount];
        Array.Fill(all, ConnectionSet.All);
        return new DirectionalRow(all, [], [], ConnectionSet.All, [], [], ConnectionSet.All);
    }

    /// <summary>Sorts explicit entries, folding each unit's group default into its explicit value when <paramref name="foldDefaults"/> gives the units' groups.</summary>
    private static DirectionalRow Compose(
        UnionCache unions,
        ConnectionSet[] groupDefaults,
        Dictionary<int, ConnectionSet> explicitValues,
        IPeerUnits? foldDefaults,
        ConnectionSet externalDefault,
        Dictionary<int, ConnectionSet> explicitBlocks,
        ConnectionSet ingressController)
    {
        var units = new int[explicitValues.Count];
        var values = new ConnectionSet[units.Length];
        var i = 0;
        foreach (var (u, value) in explicitValues)
        {
            units[i] = u;
            values[i++] = foldDefaults is null ? value : unions.Union(value, groupDefaults[foldDefaults.GroupOf(u)]);
        }

        Array.Sort(units, values);
        var blocks = new int[explicitBlocks.Count];
        var blockValues = new ConnectionSet[blocks.Length];
        i = 0;
        foreach (var (b, value) in explicitBlocks)
        {
            blocks[i] = b;
            blockValues[i++] = unions.Union(value, externalDefault);
        }

        Array.Sort(blocks, blockValues);
        return new DirectionalRow(groupDefaults, units, values, externalDefault, blocks, blockValues, ingressController);
    }
}
