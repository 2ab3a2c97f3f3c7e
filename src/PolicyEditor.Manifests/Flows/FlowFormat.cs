namespace PolicyEditor.Manifests.Flows;

/// <summary>The flow record formats PolicyEditor reads, one record a line.</summary>
public enum FlowFormat
{
    /// <summary><c>hubble observe -o json</c>: one JSON object a line, the flow itself or under <c>flow</c>.</summary>
    Hubble,

    /// <summary>Calico flow logs: one JSON document a line with the documented fields (<c>source_namespace</c>, <c>dest_port</c>, <c>num_flows</c>, ...).</summary>
    Calico,

    /// <summary>A plain CSV: <c>source,destination,protocol,port,count</c>, a header line optional.</summary>
    Csv,
}
