using PolicyEditor.Engine.Model;

namespace PolicyEditor.Manifests.Writing;

/// <summary>
/// Writes KubeVirt workloads (kubevirt.io/v1 VirtualMachine and VirtualMachineInstance): the labels and
/// interface ports of the pod that runs the guest, on the pod network with masquerade binding.
/// </summary>
internal static class VirtualMachineWriter
{
    /// <summary>Whether the workload kind is KubeVirt's.</summary>
    public static bool Writes(string kind) => kind is "VirtualMachine" or "VirtualMachineInstance";

    public static void Write(YamlWriter yaml, Workload workload)
    {
        yaml.BeginMap();
        yaml.BeginMetadata("kubevirt.io/v1", workload.Kind, workload.Name, workload.Namespace);
        if (workload.Kind == "VirtualMachineInstance")
        {
            ObjectWriter.WriteLabels(yaml, workload.Labels);
            yaml.EndMap();
            yaml.Key("spec");
            WriteInstanceSpec(yaml, workload);
            ObjectWriter.WriteStatus(yaml, "interfaces", workload);
            yaml.EndMap();
            return;
        }

        yaml.EndMap();
        yaml.Key("spec");
        yaml.BeginMap();
        yaml.Entry("runStrategy", "Always");
        yaml.Key("template");
        yaml.BeginMap();
        yaml.Key("metadata");
        yaml.BeginMap();
        ObjectWriter.WriteLabels(yaml, workload.Labels);
        yaml.EndMap();
        yaml.Key("spec");
        WriteInstanceSpec(yaml, workload);
        yaml.EndMap();
        yaml.EndMap();
        yaml.EndMap();
    }

    private static void WriteInstanceSpec(YamlWriter yaml, Workload workload)
    {
        yaml.BeginMap();
        yaml.Key("domain");
        yaml.BeginMap();
        yaml.Key("devices");
        yaml.BeginMap();
        yaml.Key("interfaces");
        yaml.BeginList();
        yaml.BeginMap();
        yaml.Entry("name", "default");
        yaml.Key("masquerade");
        yaml.EmptyMap();
        ObjectWriter.WritePorts(yaml, workload.Ports, "port");
        yaml.EndMap();
        yaml.EndList();
        yaml.EndMap();
        yaml.EndMap();
        yaml.Key("networks");
        yaml.BeginList();
        yaml.BeginMap();
        yaml.Entry("name", "default");
        yaml.Key("pod");
        yaml.EmptyMap();
        yaml.EndMap();
        yaml.EndList();
        yaml.EndMap();
    }
}
