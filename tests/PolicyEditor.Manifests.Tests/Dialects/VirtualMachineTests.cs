using PolicyEditor.Engine.Addresses;
using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Model;
using PolicyEditor.Manifests.Loading;
using PolicyEditor.Manifests.Writing;

namespace PolicyEditor.Manifests.Tests.Dialects;

public class VirtualMachineTests
{
    private const string VirtualMachine = """
        apiVersion: kubevirt.io/v1
        kind: VirtualMachine
        metadata:
          name: db-vm
          namespace: shop
        spec:
          runStrategy: Always
          template:
            metadata:
              labels:
                app: db
            spec:
              domain:
                devices:
                  interfaces:
                  - name: default
                    masquerade: {}
                    ports:
                    - name: postgres
                      port: 5432
                    - port: 53
                      protocol: UDP
              networks:
              - name: default
                pod: {}
        """;

    private const string Instance = """
        apiVersion: kubevirt.io/v1
        kind: VirtualMachineInstance
        metadata:
          name: db-vm
          namespace: shop
          labels:
            app: db
          ownerReferences:
          - apiVersion: kubevirt.io/v1
            kind: VirtualMachine
            name: db-vm
            controller: true
        spec:
          domain:
            devices:
              interfaces:
              - name: default
                masquerade: {}
                ports:
                - port: 5432
        status:
          interfaces:
          - ipAddress: 10.244.1.7
            ipAddresses:
            - 10.244.1.7
            - fd00::7
        """;

    [Fact]
    public void VirtualMachine_IsAWorkload_WithItsTemplatesLabelsAndInterfacePorts()
    {
        var loaded = ManifestLoader.LoadText(VirtualMachine, "vm.yaml");

        Assert.DoesNotContain(loaded.Diagnostics, d => d.Severity != DiagnosticSeverity.Info);
        var vm = Assert.Single(loaded.Cluster.Workloads);
        Assert.Equal("shop/db-vm[VirtualMachine]", vm.Id);
        Assert.Equal("db", vm.Labels["app"]);
        Assert.Equal([new ContainerPort("postgres", 5432, Protocol.TCP), new ContainerPort(null, 53, Protocol.UDP)], vm.Ports);
    }

    [Fact]
    public void VirtualMachineInstance_WithoutItsVirtualMachine_IsAWorkloadWithItsStatusAddresses()
    {
        var loaded = ManifestLoader.LoadText(Instance, "vmi.yaml");

        var vmi = Assert.Single(loaded.Cluster.Workloads);
        Assert.Equal("shop/db-vm[VirtualMachineInstance]", vmi.Id);
        Assert.Equal([new ContainerPort(null, 5432, Protocol.TCP)], vmi.Ports);
        Assert.Equal(["10.244.1.7/32", "fd00::7/128"], vmi.Addresses.Select(a => a.Text));
    }

    [Fact]
    public void VirtualMachineInstance_OfALoadedVirtualMachine_IsFoldedIntoIt()
    {
        var loaded = ManifestLoader.LoadText(VirtualMachine + "\n---\n" + Instance, "both.yaml");

        Assert.Equal(["shop/db-vm[VirtualMachine]"], loaded.Cluster.Workloads.Select(w => w.Id));
    }

    [Fact]
    public void VirtualMachinesAndInstances_RoundTripThroughTheWriter()
    {
        var cluster = ManifestLoader.LoadText(VirtualMachine + "\n---\n" + Instance.Replace("name: db-vm\n  namespace", "name: other\n  namespace", StringComparison.Ordinal).Replace("controller: true", "controller: false\n    uid: x", StringComparison.Ordinal).Replace("name: db-vm\n", "name: gone\n", StringComparison.Ordinal), "vms.yaml").Cluster;

        var again = ManifestLoader.LoadText(ManifestWriter.WriteCluster(cluster), "written.yaml").Cluster;

        Assert.Equal(2, cluster.Workloads.Count);
        Assert.Equal(cluster.Workloads, again.Workloads);
    }

    [Fact]
    public void PodStatusAddresses_AreTheWorkloadsAddresses_AndSurviveWriting()
    {
        var loaded = ManifestLoader.LoadText("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: web
              namespace: shop
              labels:
                app: web
            spec:
              containers:
              - name: web
            status:
              podIP: 10.0.0.5
              podIPs:
              - ip: 10.0.0.5
              - ip: 2001:db8::5
            """, "pod.yaml");

        var pod = Assert.Single(loaded.Cluster.Workloads);
        Assert.Equal([Cidr.Parse("10.0.0.5/32"), Cidr.Parse("2001:db8::5/128")], pod.Addresses);
        Assert.Equal(pod, Assert.Single(ManifestLoader.LoadText(ManifestWriter.WriteCluster(loaded.Cluster), "again.yaml").Cluster.Workloads));
    }

    [Fact]
    public void PodWithABadStatusAddress_IsLoaded_AndTheAddressIsReportedAtItsLine()
    {
        var loaded = ManifestLoader.LoadText("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: web
            spec:
              containers:
              - name: web
            status:
              podIP: not-an-ip
            """, "pod.yaml");

        Assert.Empty(Assert.Single(loaded.Cluster.Workloads).Addresses);
        var warning = Assert.Single(loaded.Diagnostics, d => d.Field == "status.podIP");
        Assert.Equal((DiagnosticSeverity.Warning, 9), (warning.Severity, warning.Line));
    }
}
