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
    public static DirectionalRow Build(ExternalSpace external, IPeerUnits units, UnionCache unions, RowScratch scratch, ProgramRows programRows, Workload subject, TrafficDirection direction, IReadOnlyList<NetworkPolicyMatcher> selecting, ProgramSelection? selection)
    {
        var groupCount = units.GroupCount;
        var ingress = direction == TrafficDirection.Ingress;
        var isolated = false;

        // What rules matching every peer allow, the same for every group until named ports make it vary by group.
        var baseAll = ConnectionSet.None;
        ConnectionSet[]? baseByGroup = null;
        var explicitValues = scratch.Units;
        var externalBase = ConnectionSet.None;
        var explicitBlocks = scratch.Blocks;
        explicitValues.Clear();
        explicitBlocks.Clear();
        var ingressController = ConnectionSet.None;

        for (var i = 0; i < selecting.Count; i++)
        {
            var policy = selecting[i];
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
                        if (baseByGroup is null)
                        {
                            baseAll = unions.Union(baseAll, ports);
                        }
                        else
                        {
                            for (var g = 0; g < groupCount; g++)
                            {
                                baseByGroup[g] = unions.Union(baseByGroup[g], ports);
                            }
                        }
                    }
                    else
                    {
                        if (baseByGroup is null)
                        {
                            baseByGroup = new ConnectionSet[groupCount];
                            Array.Fill(baseByGroup, baseAll);
                        }

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
                            explicitValues.Set(u, explicitValues[u] is { } before ? unions.Union(before, ports) : ports);
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
                            explicitBlocks.Set(b, explicitBlocks[b] is { } before ? unions.Union(before, ports) : ports);
                        }
                    }
                }
            }
        }

        if (selection is null)
        {
            if (!isolated)
            {
                return AllowAll();
            }

            // Each unit's group default folds into its explicit value; each block's value includes the external default.
            foreach (var u in explicitValues.Keys)
            {
                explicitValues.Set(u, unions.Union(explicitValues[u]!, baseByGroup?[units.GroupOf(u)] ?? baseAll));
            }

            foreach (var b in explicitBlocks.Keys)
            {
                explicitBlocks.Set(b, unions.Union(explicitBlocks[b]!, externalBase));
            }

            return Compose(baseByGroup ?? [baseAll], baseByGroup is null ? GroupMap.Uniform : null, explicitValues, externalBase, explicitBlocks, ingressController);
        }

        // The program's tiers: the result for a peer depends on the rules matching it and on what NetworkPolicies allow it.
        // Rows of one kind whose NetworkPolicies allow the same to every group and block share those values' arrays.
        var walks = programRows.For(selection, subject, direction, isolated);
        var defaults = baseByGroup is not null ? walks.ToGroups(units, baseByGroup) : walks.ToParts(units, baseAll);
        var (layeredUnits, layeredValues) = explicitValues.ToSorted();
        for (var k = 0; k < layeredUnits.Length; k++)
        {
            var g = units.GroupOf(layeredUnits[k]);
            layeredValues[k] = walks.ToGroup(g, units.RepresentativeOf(units.GroupRepresentative(g)), unions.Union(layeredValues[k], baseByGroup?[g] ?? baseAll));
        }

        var blockDefaults = walks.ToBlocks(external, externalBase);
        var (blocks, blockValues) = explicitBlocks.ToSorted();
        for (var k = 0; k < blocks.Length; k++)
        {
            blockValues[k] = walks.ToBlock(external.Blocks[blocks[k]], unions.Union(externalBase, blockValues[k]));
        }

        var controller = ingress ? walks.ToIngressController(ingressController) : ConnectionSet.All;
        return new DirectionalRow(defaults, layeredUnits, layeredValues, ConnectionSet.None, blocks, blockValues, controller, baseByGroup is null ? walks.Parts : null, walks.BlockParts, blockDefaults);
    }

    private static DirectionalRow AllowAll() => new([ConnectionSet.All], [], [], ConnectionSet.All, [], [], ConnectionSet.All, GroupMap.Uniform);

    /// <summary>The row, with the explicit entries sorted.</summary>
    private static DirectionalRow Compose(
        ConnectionSet[] groupDefaults,
        GroupMap? groupMap,
        SparseValues explicitValues,
        ConnectionSet externalDefault,
        SparseValues explicitBlocks,
        ConnectionSet ingressController)
    {
        var (units, values) = explicitValues.ToSorted();
        var (blocks, blockValues) = explicitBlocks.ToSorted();
        return new DirectionalRow(groupDefaults, units, values, externalDefault, blocks, blockValues, ingressController, groupMap);
    }
}
