using PolicyEditor.Engine.Model;

namespace PolicyEditor.Manifests.Writing;

/// <summary>Writes the non-policy objects of the model: namespaces, workloads (with their pod template), Services, Ingresses and Routes.</summary>
internal static class ObjectWriter
{
    private static readonly Dictionary<string, string> ApiVersions = new(StringComparer.Ordinal)
    {
        ["Pod"] = "v1",
        ["ReplicationController"] = "v1",
        ["Deployment"] = "apps/v1",
        ["ReplicaSet"] = "apps/v1",
        ["StatefulSet"] = "apps/v1",
        ["DaemonSet"] = "apps/v1",
        ["Job"] = "batch/v1",
        ["CronJob"] = "batch/v1",
        ["DeploymentConfig"] = "apps.openshift.io/v1",
    };

    public static void WriteNamespace(YamlWriter yaml, Namespace ns)
    {
        yaml.BeginMap();
        yaml.BeginMetadata("v1", "Namespace", ns.Name);
        WriteLabels(yaml, ns.Labels);
        yaml.EndMap();
        yaml.EndMap();
    }

    public static void WriteWorkload(YamlWriter yaml, Workload workload)
    {
        if (VirtualMachineWriter.Writes(workload.Kind))
        {
            VirtualMachineWriter.Write(yaml, workload);
            return;
        }

        var kind = ApiVersions.ContainsKey(workload.Kind) ? workload.Kind : "Deployment";
        yaml.BeginMap();
        yaml.BeginMetadata(ApiVersions[kind], kind, workload.Name, workload.Namespace);
        if (kind == "Pod")
        {
            WriteLabels(yaml, workload.Labels);
            WriteIdentityName(yaml, workload);
        }

        yaml.EndMap();
        yaml.Key("spec");
        if (kind == "Pod")
        {
            WritePodSpec(yaml, workload);
            WriteStatus(yaml, "podIPs", workload);
            yaml.EndMap();
            return;
        }

        yaml.BeginMap();
        if (kind == "CronJob")
        {
            yaml.Entry("schedule", "0 * * * *");
            yaml.Key("jobTemplate");
            yaml.BeginMap();
            yaml.Key("spec");
            yaml.BeginMap();
        }
        else if (kind is not ("Job" or "ReplicationController"))
        {
            yaml.Key("selector");
            yaml.BeginMap();
            yaml.Key("matchLabels");
            yaml.BeginMap();
            foreach (var (k, v) in workload.Labels)
            {
                yaml.Entry(k, v);
            }

            yaml.EndMap();
            yaml.EndMap();
        }

        yaml.Key("template");
        yaml.BeginMap();
        yaml.Key("metadata");
        yaml.BeginMap();
        WriteLabels(yaml, workload.Labels);
        WriteIdentityName(yaml, workload);
        yaml.EndMap();
        yaml.Key("spec");
        WritePodSpec(yaml, workload);
        yaml.EndMap();
        if (kind == "CronJob")
        {
            yaml.EndMap();
            yaml.EndMap();
        }

        yaml.EndMap();
        yaml.EndMap();
    }

    public static void WriteService(YamlWriter yaml, Service service)
    {
        yaml.BeginMap();
        yaml.Header("v1", "Service", service.Name, service.Namespace);
        yaml.Key("spec");
        yaml.BeginMap();
        if (service.Selector is not null)
        {
            yaml.Key("selector");
            yaml.BeginMap();
            foreach (var (k, v) in service.Selector.MatchLabels)
            {
                yaml.Entry(k, v);
            }

            yaml.EndMap();
        }

        yaml.Key("ports");
        yaml.BeginList();
        foreach (var port in service.Ports)
        {
            yaml.BeginMap();
            if (port.Name is not null)
            {
                yaml.Entry("name", port.Name);
            }

            yaml.Entry("protocol", port.Protocol.ToString());
            yaml.Entry("port", port.Port);
            yaml.Key("targetPort");
            WritePortReference(yaml, port.TargetPort);
            yaml.EndMap();
        }

        yaml.EndList();
        WriteExternalAccess(yaml, service);
        yaml.EndMap();
        yaml.EndMap();
    }

    public static void WriteExposure(YamlWriter yaml, Exposure exposure)
    {
        yaml.BeginMap();
        if (exposure.Kind == ExposureKind.Ingress)
        {
            yaml.Header("networking.k8s.io/v1", "Ingress", exposure.Name, exposure.Namespace);
            yaml.Key("spec");
            yaml.BeginMap();
            yaml.Key("rules");
            yaml.BeginList();
            yaml.BeginMap();
            yaml.Key("http");
            yaml.BeginMap();
            yaml.Key("paths");
            yaml.BeginList();
            foreach (var backend in exposure.Backends)
            {
                yaml.BeginMap();
                yaml.Entry("path", "/");
                yaml.Entry("pathType", "Prefix");
                yaml.Key("backend");
                yaml.BeginMap();
                yaml.Key("service");
                yaml.BeginMap();
                yaml.Entry("name", backend.ServiceName);
                if (backend.Port is { } p)
                {
                    yaml.Key("port");
                    yaml.BeginMap();
                    if (p.IsNamed)
                    {
                        yaml.Entry("name", p.Name!);
                    }
                    else
                    {
                        yaml.Entry("number", p.Number!.Value);
                    }

                    yaml.EndMap();
                }

                yaml.EndMap();
                yaml.EndMap();
                yaml.EndMap();
            }

            yaml.EndList();
            yaml.EndMap();
            yaml.EndMap();
            yaml.EndList();
            yaml.EndMap();
        }
        else
        {
            yaml.Header("route.openshift.io/v1", "Route", exposure.Name, exposure.Namespace);
            yaml.Key("spec");
            yaml.BeginMap();
            var first = exposure.Backends.FirstOrDefault();
            if (first is not null)
            {
                yaml.Key("to");
                yaml.BeginMap();
                yaml.Entry("kind", "Service");
                yaml.Entry("name", first.ServiceName);
                yaml.EndMap();
                if (exposure.Backends.Count > 1)
                {
                    yaml.Key("alternateBackends");
                    yaml.BeginList();
                    foreach (var b in exposure.Backends.Skip(1))
                    {
                        yaml.BeginMap();
                        yaml.Entry("kind", "Service");
                        yaml.Entry("name", b.ServiceName);
                        yaml.EndMap();
                    }

                    yaml.EndList();
                }

                if (first.Port is { } p)
                {
                    yaml.Key("port");
                    yaml.BeginMap();
                    yaml.Key("targetPort");
                    WritePortReference(yaml, p);
                    yaml.EndMap();
                }
            }

            yaml.EndMap();
        }

        yaml.EndMap();
    }

    private static void WritePortReference(YamlWriter yaml, PortReference port)
    {
        if (port.IsNamed)
        {
            yaml.String(port.Name!);
        }
        else
        {
            yaml.Number(port.Number!.Value);
        }
    }

    private static void WritePodSpec(YamlWriter yaml, Workload workload)
    {
        yaml.BeginMap();
        yaml.Key("containers");
        yaml.BeginList();
        yaml.BeginMap();
        yaml.Entry("name", "main");
        yaml.Entry("image", "registry.example/app:latest");
        WritePorts(yaml, workload.Ports, "containerPort");
        yaml.EndMap();
        yaml.EndList();
        if (workload.ServiceAccount is { } account)
        {
            yaml.Entry("serviceAccountName", account);
        }

        yaml.EndMap();
    }

    public static void WriteServiceAccount(YamlWriter yaml, ServiceAccount account)
    {
        yaml.BeginMap();
        yaml.BeginMetadata("v1", "ServiceAccount", account.Name, account.Namespace);
        WriteLabels(yaml, account.Labels);
        yaml.EndMap();
        yaml.EndMap();
    }

    /// <summary>A workload's ports as <c>ports</c> (nothing when it has none): name, number under <paramref name="numberKey"/>, protocol.</summary>
    internal static void WritePorts(YamlWriter yaml, ValueArray<ContainerPort> ports, string numberKey)
    {
        if (ports.IsEmpty)
        {
            return;
        }

        yaml.Key("ports");
        yaml.BeginList();
        foreach (var port in ports)
        {
            yaml.BeginMap();
            if (port.Name is not null)
            {
                yaml.Entry("name", port.Name);
            }

            yaml.Entry(numberKey, port.Number);
            yaml.Entry("protocol", port.Protocol.ToString());
            yaml.EndMap();
        }

        yaml.EndList();
    }

    /// <summary>A running pod's addresses as its status gives them (<c>status.podIPs[].ip</c>, or a VMI's <c>status.interfaces[].ipAddresses</c>).</summary>
    internal static void WriteStatus(YamlWriter yaml, string key, Workload workload)
    {
        if (workload.Addresses.IsEmpty)
        {
            return;
        }

        yaml.Key("status");
        yaml.BeginMap();
        yaml.Key(key);
        yaml.BeginList();
        if (key == "podIPs")
        {
            foreach (var address in workload.Addresses)
            {
                yaml.BeginMap();
                yaml.Entry("ip", address.Text[..address.Text.IndexOf('/', StringComparison.Ordinal)]);
                yaml.EndMap();
            }
        }
        else
        {
            yaml.BeginMap();
            yaml.Key("ipAddresses");
            yaml.BeginList();
            foreach (var address in workload.Addresses)
            {
                yaml.String(address.Text[..address.Text.IndexOf('/', StringComparison.Ordinal)]);
            }

            yaml.EndList();
            yaml.EndMap();
        }

        yaml.EndList();
        yaml.EndMap();
    }

    private static void WriteIdentityName(YamlWriter yaml, Workload workload)
    {
        if (workload.IdentityName is null)
        {
            return;
        }

        yaml.Key("annotations");
        yaml.BeginMap();
        yaml.Entry("intents.otterize.com/workload-name", workload.IdentityName);
        yaml.EndMap();
    }

    private static void WriteExternalAccess(YamlWriter yaml, Service service)
    {
        if (service.Type != ServiceType.ClusterIP)
        {
            yaml.Entry("type", service.Type.ToString());
        }

        if (!service.LoadBalancerSourceRanges.IsEmpty)
        {
            yaml.Key("loadBalancerSourceRanges");
            yaml.BeginList();
            foreach (var range in service.LoadBalancerSourceRanges)
            {
                yaml.String(range.ToString());
            }

            yaml.EndList();
        }

        if (service.ExternalTrafficLocal)
        {
            yaml.Entry("externalTrafficPolicy", "Local");
        }
    }

    internal static void WriteLabels(YamlWriter yaml, LabelSet labels) =>
        yaml.Labels("labels", labels.Where(l => l.Key != Namespace.NameLabel));
}
