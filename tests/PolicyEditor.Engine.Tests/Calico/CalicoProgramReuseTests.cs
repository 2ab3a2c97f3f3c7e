using PolicyEditor.Engine.Addresses;
using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Dialects.Calico;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Model.Calico;
using PolicyEditor.Engine.Program;
using PolicyEditor.Engine.Reachability;
using PolicyEditor.Engine.Selectors;

namespace PolicyEditor.Engine.Tests.Calico;

/// <summary>
/// A program compiled from the previous one (an edit's), or from the parts earlier compiles kept, compiles only the Calico policies the edit changed and keeps the
/// others' program policies, unless something else they read changed: network sets, profiles, host endpoints, namespaces,
/// workloads, Services or service accounts. It must be the same as a program compiled afresh.
/// </summary>
public class CalicoProgramReuseTests
{
    private static readonly string[] Nets = ["10.1.0.0/16", "10.1.2.3/32", "192.168.0.0/16", "8.8.8.0/24", "2001:db8::/32"];
    private static readonly string[] PodAddresses = ["10.1.2.3/32", "10.9.0.1/32", "192.168.4.4/32", "8.8.8.8/32"];
    private static readonly (string Key, string Value)[] Labels = [("app", "a"), ("app", "b"), ("tier", "b"), ("env", "c"), ("kind", "partner"), ("role", "front")];

    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < 6; i++)
        {
            data.Add(i * 20);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void EditsOfCalicoResourcesInARow_CompiledFromThePreviousProgram_EqualAFreshCompile(int first)
    {
        for (var seed = first; seed < first + 20; seed++)
        {
            var random = new CalicoRandomCluster(seed);
            var edits = new Random(seed * 17 + 3);
            var cluster = WithInputsRead(random.Next());
            var evaluator = new ClusterEvaluator(cluster);
            for (var step = 0; step < 4; step++)
            {
                cluster = cluster.Apply(edits.Next(2) == 0 ? random.Edit(cluster) : ResourceEdit(edits, cluster));
                evaluator = evaluator.WithPolicies(cluster);
                var fresh = new ClusterEvaluator(cluster, PolicyDialects.All, new KeptParts());

                var context = $"seed {seed}, step {step}";
                Assert.Equal(Texts(fresh.Program), Texts(evaluator.Program));
                Assert.Equal(fresh.Diagnostics.Select(d => d.ToString()), evaluator.Diagnostics.Select(d => d.ToString()));
                var expected = ReachabilityMatrix.Build(fresh).Connections().Select(c => c.ToString()).Order(StringComparer.Ordinal).ToList();
                var actual = ReachabilityMatrix.Build(evaluator).Connections().Select(c => c.ToString()).Order(StringComparer.Ordinal).ToList();
                Assert.True(expected.SequenceEqual(actual), $"{context}: the edit's evaluator differs from a fresh one");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void ChangesOfWhatPoliciesRead_CompiledFromThePreviousProgram_EqualAFreshCompile(int first)
    {
        for (var seed = first; seed < first + 20; seed++)
        {
            var random = new CalicoRandomCluster(seed);
            var edits = new Random(seed * 13 + 5);
            var cluster = WithInputsRead(random.Next());
            var kept = new KeptParts();
            var program = Compile(cluster, null, kept).Program;
            for (var step = 0; step < 4; step++)
            {
                cluster = edits.Next(6) switch
                {
                    0 => cluster.Apply(random.Edit(cluster)),
                    1 => cluster.Apply(ResourceEdit(edits, cluster)),
                    _ => ClusterEdit(edits, cluster),
                };
                // From the previous program (an edit's), and from what earlier compiles kept (a new evaluator's).
                var (fromPrevious, previousDiagnostics) = Compile(cluster, program, new KeptParts());
                var (fromKept, keptDiagnostics) = Compile(cluster, null, kept);
                var (fresh, freshDiagnostics) = Compile(cluster, null, new KeptParts());

                var context = $"seed {seed}, step {step}";
                var expected = Walks(cluster, fresh);
                foreach (var (reused, diagnostics, how) in new[] { (fromPrevious, previousDiagnostics, "the previous program"), (fromKept, keptDiagnostics, "the kept parts") })
                {
                    Assert.Equal(Texts(fresh), Texts(reused));
                    Assert.Equal(freshDiagnostics, diagnostics);
                    Assert.True(expected.SequenceEqual(Walks(cluster, reused)), $"{context}: the program compiled from {how} decides otherwise than a fresh one");
                }

                program = fromPrevious;
            }
        }
    }

    [Fact]
    public void AnEditOfOnePolicy_KeepsTheProgramPoliciesOfTheOthers()
    {
        var cluster = new CalicoRandomCluster(7).Next();
        var policies = cluster.OtherPolicies.OfType<CalicoPolicy>().Where(p => !p.IsStaged).ToList();
        var evaluator = new ClusterEvaluator(cluster);
        var edited = policies[0] with { Order = 12345 };

        var after = evaluator.WithPolicies(cluster.Apply(PolicyChange.Upsert(edited)));

        var before = evaluator.Program.Policies.Select(p => p.Source).ToHashSet(ReferenceEqualityComparer.Instance);
        var kept = after.Program.Policies.Where(p => p.Source.Source != ((IPolicyResource)edited).Key).ToList();
        Assert.NotEmpty(kept);
        Assert.All(kept, p => Assert.Contains(p.Source, before));
        Assert.DoesNotContain(after.Program.Policies, p => p.Source.Source == ((IPolicyResource)edited).Key && before.Contains(p.Source));
    }

    /// <summary>
    /// The cluster with a first tier whose policy denies what depends on inputs the random edits change: a namespaced
    /// network set's nets when its namespace is labelled <c>app=a</c>, and pods of service accounts labelled <c>role=front</c>.
    /// </summary>
    private static Cluster WithInputsRead(Cluster cluster)
    {
        var set = new CalicoNetworkSet(cluster.Namespaces[^1].Name, "partners-here", LabelSet.Of(("kind", "partner")), ValueArray.Create(Cidr.Parse("8.8.8.0/24")));
        var toSets = CalicoEntityRule.Any with { Selector = CalicoSelector.Parse("kind == 'partner'"), NamespaceSelector = CalicoSelector.Parse("app == 'a'") };
        var fromAccounts = CalicoEntityRule.Any with { ServiceAccounts = new CalicoServiceAccountMatch(ValueArray<string>.Empty, CalicoSelector.Parse("role == 'front'")) };
        var policy = new CalicoPolicy(CalicoPolicyKind.GlobalNetworkPolicy, null, "inputs.read", "inputs", 1, CalicoSelector.All, null, null,
            ValueArray.Create(TrafficDirection.Ingress, TrafficDirection.Egress),
            ValueArray.Create(new CalicoRule(RuleAction.Deny, null, null, null, null, null, fromAccounts, CalicoEntityRule.Any, null), CalicoRule.Of(RuleAction.Pass)),
            ValueArray.Create(new CalicoRule(RuleAction.Deny, null, null, null, null, null, CalicoEntityRule.Any, toSets, null), CalicoRule.Of(RuleAction.Pass)));
        IPolicyResource[] added = [new CalicoTier("inputs", 0, TierDefault.Deny), set, policy];
        return cluster with { OtherPolicies = cluster.OtherPolicies.Concat(added).ToValueArray() };
    }

    private static (PolicyProgram Program, List<string> Diagnostics) Compile(Cluster cluster, PolicyProgram? previous, KeptParts kept)
    {
        var diagnostics = new List<EngineDiagnostic>();
        var program = PolicyProgram.Compile(cluster, new CompilationCache(), diagnostics, null, previous, kept);
        return (program, [.. diagnostics.Select(d => d.ToString())]);
    }

    /// <summary>The program as text: each policy's place, description and rules, in program order.</summary>
    private static List<string> Texts(PolicyProgram program) =>
        [.. program.Policies.Select(p => $"{p.Tier.Name} {p.Source.Order} {p.Source.TieBreak} {p.Source.Description} [{p.Subject.Description}]: "
            + string.Join("; ", p.Ingress.Concat(p.Egress).Select(r => $"{r.Direction} {r.Action} {r.Rule.Text}")))];

    /// <summary>
    /// What the program decides for every workload and host endpoint, both ways, with every workload, host endpoint and a
    /// few outside addresses; and which policies select each host endpoint.
    /// </summary>
    private static List<string> Walks(Cluster cluster, PolicyProgram program)
    {
        var namespaces = new NamespaceDirectory(cluster);
        var hosts = new CalicoDialect().Endpoints(cluster).OfType<HostEndpoint>().ToList();
        var peers = cluster.Workloads.Select(Endpoint.Of).Concat(hosts)
            .Concat(PodAddresses.Append("10.200.0.1/32").Select(a => (Endpoint)new ExternalEndpoint(Cidr.Parse(a).Range))).ToList();
        var lines = new List<string>();
        foreach (var subject in cluster.Workloads)
        {
            foreach (var peer in peers)
            {
                foreach (var direction in new[] { TrafficDirection.Ingress, TrafficDirection.Egress })
                {
                    var result = program.Walk(subject, namespaces.LabelsOf(subject.Namespace), peer, direction, namespaces, false, ConnectionSet.All);
                    lines.Add($"{subject.Id} {direction} {peer.Id}: {result}");
                }
            }
        }

        foreach (var host in hosts)
        {
            lines.Add($"{host.Id} selected by {string.Join(", ", program.Policies.Where(p => p.Source.Hosts?.Invoke(host.AsWorkload) == true).Select(p => p.Source.TieBreak))}");
        }

        return lines;
    }

    /// <summary>A network set, profile or host endpoint added, changed or deleted.</summary>
    private static PolicyChange ResourceEdit(Random random, Cluster cluster)
    {
        var ns = cluster.Namespaces[random.Next(cluster.Namespaces.Count)].Name;
        IPolicyResource resource = random.Next(3) switch
        {
            0 => new CalicoNetworkSet(random.Next(3) == 0 ? ns : null, $"set{random.Next(3)}", LabelSet.Of(Pick(random, Labels)), ValueArray.Create(Cidr.Parse(Pick(random, Nets)))),
            1 => new CalicoProfile(random.Next(2) == 0 ? $"kns.{ns}" : $"ksa.{ns}.sa1", ValueArray.Create(CalicoRule.Of(RuleAction.Allow)), ValueArray.Create(CalicoRule.Of(RuleAction.Allow)), LabelSet.Of(Pick(random, Labels))),
            _ => new CalicoHostEndpoint($"h{random.Next(3)}", "node0", "eth0", random.Next(2) == 0 ? ValueArray.Create(Cidr.Parse(Pick(random, PodAddresses))) : [],
                LabelSet.Of(Pick(random, Labels)), random.Next(3) == 0 ? ValueArray.Create(CalicoDialect.DefaultAllowProfile) : []),
        };
        var existing = cluster.OtherPolicies.FirstOrDefault(p => p.Key == resource.Key);
        return existing is not null && random.Next(3) == 0 ? PolicyChange.Delete(existing) : PolicyChange.Upsert(resource);
    }

    /// <summary>A namespace's labels, a workload's labels, addresses, service account or profiles, a Service or a service account's labels changed.</summary>
    private static Cluster ClusterEdit(Random random, Cluster cluster)
    {
        switch (random.Next(4))
        {
            case 0:
                var ns = random.Next(cluster.Namespaces.Count);
                return cluster with { Namespaces = cluster.Namespaces.Items.SetItem(ns, new Namespace(cluster.Namespaces[ns].Name, LabelSet.Of(Pick(random, Labels)))) };
            case 1:
                var w = random.Next(cluster.Workloads.Count);
                var workload = cluster.Workloads[w];
                workload = random.Next(4) switch
                {
                    0 => workload with { Labels = LabelSet.Of(Pick(random, Labels)) },
                    1 => workload with { Addresses = random.Next(3) == 0 ? [] : ValueArray.Create(Cidr.Parse(Pick(random, PodAddresses))) },
                    2 => workload with { ServiceAccount = random.Next(2) == 0 ? "sa1" : "sa2" },
                    _ => workload with { CalicoProfiles = random.Next(2) == 0 ? (ValueArray<string>?)null : ValueArray.Create(random.Next(2) == 0 ? $"kns.{workload.Namespace}" : "other") },
                };
                return cluster with { Workloads = cluster.Workloads.Items.SetItem(w, workload) };
            case 2:
                var target = cluster.Workloads[random.Next(cluster.Workloads.Count)];
                var service = new Service(target.Namespace, "svc", new LabelSelector(LabelSet.From(target.Labels.Take(1)), ValueArray<LabelRequirement>.Empty),
                    ValueArray.Create(new ServicePort("web", 80, Protocol.TCP, random.Next(2) == 0 ? PortReference.OfNumber(8080) : PortReference.OfName("http"))));
                return cluster with { Services = cluster.Services.Where(s => s.Name != "svc").Append(service).ToValueArray() };
            default:
                return cluster with { ServiceAccounts = ValueArray.Create(new ServiceAccount("ns0", "sa1", LabelSet.Of(("role", random.Next(2) == 0 ? "front" : "back")))) };
        }
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
