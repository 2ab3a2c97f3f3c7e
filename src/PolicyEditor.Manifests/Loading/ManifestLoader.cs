using System.Text;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Manifests.Intents;

namespace PolicyEditor.Manifests.Loading;

/// <summary>
/// Loads Kubernetes manifests (YAML or JSON; files, directory trees or text; multi-document streams,
/// <c>kind: List</c> and <c>*List</c> documents) into the engine's cluster model. Never throws for bad
/// input: everything wrong becomes a diagnostic with file, line, column and object, and every valid
/// object still loads.
/// </summary>
public static class ManifestLoader
{
    /// <summary>The file extensions read from a directory.</summary>
    public static readonly IReadOnlyList<string> Extensions = [".yaml", ".yml", ".json"];

    private const string NothingLoaded = "Nothing was loaded.";

    private static readonly HashSet<string> IgnoredKinds = new(StringComparer.Ordinal)
    {
        "ConfigMap", "Secret", "Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding", "Endpoints",
        "EndpointSlice", "PersistentVolume", "PersistentVolumeClaim", "StorageClass", "HorizontalPodAutoscaler", "PodDisruptionBudget",
        "CustomResourceDefinition", "PriorityClass", "LimitRange", "ResourceQuota", "IngressClass", "Node", "Event",
        "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration", "APIService", "ControllerRevision", "Lease",
    };

    /// <summary>Loads every <c>.yaml</c>, <c>.yml</c> and <c>.json</c> file under <paramref name="directory"/>, recursively.</summary>
    public static LoadResult LoadDirectory(string directory, LoadOptions? options = null) => LoadDirectory(directory, new LoadBudget(options));

    /// <summary>Loads every manifest file under <paramref name="directory"/>, recursively, within a request's budget.</summary>
    public static LoadResult LoadDirectory(string directory, LoadBudget budget)
    {
        if (!Directory.Exists(directory))
        {
            var diagnostics = new List<Diagnostic> { new(DiagnosticSeverity.Error, directory, 0, 0, null, null, "the directory does not exist.") };
            return new ClusterBuilder(diagnostics).Build();
        }

        return LoadFiles(FilesIn(directory), budget);
    }

    /// <summary>The manifest files (<see cref="Extensions"/>) under <paramref name="directory"/>, recursively, in ordinal order.</summary>
    public static IEnumerable<string> FilesIn(string directory) =>
        Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Where(f => Extensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
            .Order(StringComparer.Ordinal);

    /// <summary>Loads the given files.</summary>
    public static LoadResult LoadFiles(IEnumerable<string> paths, LoadOptions? options = null) => LoadFiles(paths, new LoadBudget(options));

    /// <summary>Loads the given files within a request's budget (a file past a limit refuses the whole input).</summary>
    public static LoadResult LoadFiles(IEnumerable<string> paths, LoadBudget budget)
    {
        var diagnostics = new List<Diagnostic>();
        var sources = new List<ManifestSource>();
        try
        {
            foreach (var path in paths)
            {
                var info = new FileInfo(path);
                if (!info.Exists)
                {
                    diagnostics.Add(new Diagnostic(DiagnosticSeverity.Error, path, 0, 0, null, null, "the file does not exist."));
                    continue;
                }

                budget.TakeFile(path, info.Length);
                budget.TakeBytes(path, info.Length);
                var text = Decode(path, File.ReadAllBytes(path), diagnostics);
                if (text is not null)
                {
                    sources.Add(new ManifestSource(path, text));
                }
            }

            return Load(sources, budget, diagnostics);
        }
        catch (LoadRefusedException refused)
        {
            return Refused(refused, NothingLoaded);
        }
    }

    /// <summary>Loads text, e.g. pasted by a user; <paramref name="name"/> is what diagnostics call it.</summary>
    public static LoadResult LoadText(string text, string name = "pasted text", LoadOptions? options = null) =>
        Load([new ManifestSource(name, text)], options);

    /// <summary>Loads text within a request's budget.</summary>
    public static LoadResult LoadText(string text, string name, LoadBudget budget) => Load([new ManifestSource(name, text)], budget);

    /// <summary>Loads several named texts as one cluster.</summary>
    public static LoadResult Load(IEnumerable<ManifestSource> sources, LoadOptions? options = null) => Load(sources, new LoadBudget(options));

    /// <summary>Loads several named texts as one cluster, within a request's budget (each text counts as a file).</summary>
    public static LoadResult Load(IEnumerable<ManifestSource> sources, LoadBudget budget)
    {
        var counted = new List<ManifestSource>();
        try
        {
            foreach (var source in sources)
            {
                var bytes = Encoding.UTF8.GetByteCount(source.Text);
                budget.TakeFile(source.Name, bytes);
                budget.TakeBytes(source.Name, bytes);
                counted.Add(source);
            }

            return Load(counted, budget, []);
        }
        catch (LoadRefusedException refused)
        {
            return Refused(refused, NothingLoaded);
        }
    }

    /// <summary>
    /// Decodes file bytes as UTF-8 (with or without a byte-order mark). Binary content and invalid UTF-8
    /// are reported with the position of the first bad byte, and give null.
    /// </summary>
    public static string? Decode(string name, byte[] bytes, List<Diagnostic> diagnostics)
    {
        var probe = Math.Min(bytes.Length, 8192);
        if (Array.IndexOf(bytes, (byte)0, 0, probe) >= 0)
        {
            diagnostics.Add(new Diagnostic(DiagnosticSeverity.Error, name, 0, 0, null, null, "this is a binary file, not YAML or JSON text; it was not loaded."));
            return null;
        }

        try
        {
            var start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
            return new UTF8Encoding(false, true).GetString(bytes, start, bytes.Length - start);
        }
        catch (DecoderFallbackException e)
        {
            var offset = Math.Max(0, e.Index);
            var line = 1 + bytes.Take(offset).Count(b => b == (byte)'\n');
            diagnostics.Add(new Diagnostic(DiagnosticSeverity.Error, name, line, 0, null, null,
                $"the file is not valid UTF-8 (a bad byte near offset {offset}); save it as UTF-8 and load it again. It was not loaded."));
            return null;
        }
    }

    /// <summary>
    /// Loads sources whose files and bytes the budget has counted already; throws <see cref="LoadRefusedException"/>
    /// when the input passes a limit. Each file's documents are read into objects as soon as the file is parsed,
    /// and its parse trees let go: a cluster of 100,000 pods would otherwise hold the trees of all 200,000
    /// documents at once. Input past the budget is still refused as a whole (what was read is dropped), and the
    /// diagnostics keep their order: every parse problem first, then what reading the objects found.
    /// </summary>
    internal static LoadResult Load(IReadOnlyList<ManifestSource> sources, LoadBudget budget, List<Diagnostic> diagnostics)
    {
        var interner = new LoadInterner();
        var readDiagnostics = new List<Diagnostic>();
        var builder = new ClusterBuilder(readDiagnostics);
        foreach (var source in sources)
        {
            foreach (var document in YamlDocumentReader.Read(source, budget, diagnostics, interner))
            {
                budget.Tick(source.Name, document.Line);
                ReadObject(source.Name, document.Root, null, builder, readDiagnostics, budget.Options, interner);
            }
        }

        readDiagnostics.InsertRange(0, diagnostics);
        return builder.Build();
    }

    /// <summary>The result of input refused as a whole: no objects, one error naming the limit (and where to raise it).</summary>
    internal static LoadResult Refused(LoadRefusedException refused, string consequence)
    {
        var message = $"{refused.Message} {consequence}";
        var diagnostic = new Diagnostic(DiagnosticSeverity.Error, refused.File, refused.Line, refused.Line > 0 ? 1 : 0, null, null, message);
        return new ClusterBuilder([diagnostic]).Build() with { Refusal = message };
    }

    private static void ReadObject(string file, YamlTreeNode node, string? impliedKind, ClusterBuilder builder, List<Diagnostic> diagnostics, LoadOptions options, LoadInterner interner)
    {
        var scope = new ReadScope(file, null, diagnostics) { Interner = interner };
        if (node is not YamlTreeMapping root)
        {
            scope.Warning(node, null, $"a manifest must be a mapping with apiVersion and kind, but this document is {node.Shape}; it was skipped.");
            return;
        }

        var kind = scope.String(ReadScope.Get(root, "kind"), "kind") ?? impliedKind;
        if (string.IsNullOrEmpty(kind))
        {
            scope.Warning(root, "kind", "the document has no 'kind'; it was skipped.");
            return;
        }

        if (kind == "List" || (kind.EndsWith("List", StringComparison.Ordinal) && ReadScope.Has(root, "items")))
        {
            var itemKind = kind == "List" ? null : kind[..^"List".Length];
            foreach (var item in scope.List(ReadScope.Get(root, "items"), "items"))
            {
                ReadObject(file, item, itemKind, builder, diagnostics, options, interner);
            }

            return;
        }

        var metadata = ReadScope.Get(root, "metadata");
        var name = scope.String(ReadScope.Get(metadata, "name"), "metadata.name");
        var ns = scope.String(ReadScope.Get(metadata, "namespace"), "metadata.namespace");
        var calico = Calico.CalicoReader.IsCalico(scope.String(ReadScope.Get(root, "apiVersion"), "apiVersion")) && Calico.CalicoReader.Kinds.Contains(kind);
        var clusterScoped = kind is "Namespace" or "AdminNetworkPolicy" or "BaselineAdminNetworkPolicy" or "ClusterNetworkPolicy" || (calico && Calico.CalicoReader.ClusterScopedKinds.Contains(kind)) || Cilium.CiliumPolicyReader.IsClusterScoped(kind);
        if (!clusterScoped && string.IsNullOrEmpty(ns))
        {
            ns = "default";
        }

        scope.ObjectRef = clusterScoped ? $"{kind}/{name}" : $"{kind}/{ns}/{name}";
        var at = new SourceLocation(file, root.Line, root.Column);
        if (Cilium.CiliumConfigReader.IsConfig(kind, name))
        {
            if (Cilium.CiliumConfigReader.Read(scope, root, ns!) is { } config)
            {
                builder.AddOtherPolicy(config, at);
            }

            return;
        }

        if (IgnoredKinds.Contains(kind))
        {
            builder.Skipped(kind);
            return;
        }

        if (!calico && (!IsKnown(kind) || (kind == "ClusterNetworkPolicy" && !IsApiGroup(scope, root, ClusterNetworkPolicyReader.ApiGroup))))
        {
            builder.Skipped(kind);
            scope.Info(root, "kind", $"kind {kind} does not affect network policy here; it was skipped.");
            return;
        }

        if (string.IsNullOrEmpty(name))
        {
            if (kind == "Pod" && scope.String(ReadScope.Get(metadata, "generateName"), "metadata.generateName") is { Length: > 0 } generated)
            {
                name = generated.TrimEnd('-');
            }
            else
            {
                scope.Error(root, "metadata.name", $"the {kind} has no metadata.name; it was not loaded.");
                return;
            }
        }

        if (!KubernetesNames.Check(scope, root, metadata, kind, name, clusterScoped ? null : ns, options.NameRules))
        {
            return;
        }

        if (calico && kind == Calico.WorkloadEndpointReader.Kind)
        {
            if (Calico.WorkloadEndpointReader.Read(scope, root, ns!, at) is { } endpoint)
            {
                builder.AddPod(endpoint);
            }

            return;
        }

        if (calico)
        {
            if (Calico.CalicoReader.Read(scope, root, kind, clusterScoped ? null : ns, name) is { } resource)
            {
                builder.AddOtherPolicy(resource, at);
            }

            return;
        }

        switch (kind)
        {
            case "ServiceAccount":
                builder.AddServiceAccount(new ServiceAccount(ns!, name, scope.StringMap(ReadScope.Get(metadata, "labels"), "metadata.labels")), at);
                break;
            case "Namespace":
                builder.AddNamespace(new Namespace(name, scope.StringMap(ReadScope.Get(metadata, "labels"), "metadata.labels")), at);
                break;
            case "Pod":
                {
                    var template = WorkloadReader.ReadTemplate(scope, root, string.Empty);
                    var (ownerKind, ownerName) = WorkloadReader.ReadOwner(scope, metadata);
                    builder.AddPod(new PodDraft(ns!, name, template, ownerKind, ownerName, at) { IdentityName = IntentsReader.IdentityName(scope, metadata, "metadata") });
                    break;
                }

            case "NetworkPolicy":
                if (NetworkPolicyReader.Read(scope, root, ns!, name) is { } policy)
                {
                    builder.AddPolicy(policy, at);
                }

                break;
            case "AdminNetworkPolicy":
                if (AdminPolicyReader.ReadAdmin(scope, root, name) is { } admin)
                {
                    builder.AddAdmin(admin, at);
                }

                break;
            case "BaselineAdminNetworkPolicy":
                if (AdminPolicyReader.ReadBaseline(scope, root, name) is { } baseline)
                {
                    builder.AddBaseline(baseline, at);
                }

                break;
            case Engine.Dialects.Cilium.CiliumPolicy.NamespacedKind or Engine.Dialects.Cilium.CiliumPolicy.ClusterwideKind:
                if (Cilium.CiliumPolicyReader.ReadPolicy(scope, root, kind, clusterScoped ? null : ns, name) is { } cilium)
                {
                    builder.AddOtherPolicy(cilium, at);
                }

                break;
            case Engine.Dialects.Cilium.CiliumCidrGroup.KindName:
                if (Cilium.CiliumPolicyReader.ReadCidrGroup(scope, root, name) is { } group)
                {
                    builder.AddOtherPolicy(group, at);
                }

                break;
            case "ClusterNetworkPolicy":
                if (ClusterNetworkPolicyReader.Read(scope, root, name) is { } clusterPolicy)
                {
                    builder.AddOtherPolicy(clusterPolicy, at);
                }

                break;
            case "Service":
                builder.AddService(ServiceReader.Read(scope, root, ns!, name), at);
                break;
            case "Ingress":
                builder.AddExposure(ServiceReader.ReadIngress(scope, root, ns!, name), at);
                break;
            case "Route":
                builder.AddExposure(ServiceReader.ReadRoute(scope, root, ns!, name), at);
                break;
            case IntentsReader.Kind:
                if (IntentsReader.Read(scope, root, ns!, name) is { } intents)
                {
                    builder.AddIntents(intents, at);
                }

                break;
            default:
                {
                    var template = WorkloadReader.ReadWorkload(scope, root, kind);
                    var (ownerKind, ownerName) = WorkloadReader.ReadOwner(scope, metadata);
                    builder.AddWorkload(new Workload(ns!, name, kind, template.Labels, template.Ports) { Addresses = template.Addresses, ServiceAccount = template.ServiceAccount, IdentityName = IntentsReader.TemplateIdentityName(scope, root, kind) }, at, ownerKind, ownerName);
                    break;
                }
        }
    }

    /// <summary>Every kind the loader turns into part of the cluster model (a live cluster is read for each of them).</summary>
    public static readonly IReadOnlySet<string> ModelledKinds = new HashSet<string>(
        ["Namespace", "Pod", "NetworkPolicy", "AdminNetworkPolicy", "BaselineAdminNetworkPolicy", "ClusterNetworkPolicy", "Service", "Ingress", "Route", "ServiceAccount", IntentsReader.Kind, .. WorkloadReader.TemplatePaths.Keys, .. Cilium.CiliumPolicyReader.Kinds],
        StringComparer.Ordinal);

    private static bool IsKnown(string kind) => ModelledKinds.Contains(kind);

    /// <summary>Whether the object's apiVersion is of <paramref name="group"/> (a kind name other projects share is read only from its own group).</summary>
    private static bool IsApiGroup(ReadScope scope, YamlTreeMapping root, string group) =>
        scope.String(ReadScope.Get(root, "apiVersion"), "apiVersion") is { } apiVersion && apiVersion.StartsWith(group, StringComparison.Ordinal);
}
