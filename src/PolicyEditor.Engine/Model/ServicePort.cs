using PolicyEditor.Engine.Connections;

namespace PolicyEditor.Engine.Model;

/// <summary>A Service port: the port clients use, and the target port on the pods (number or container-port name).</summary>
public sealed record ServicePort(string? Name, int Port, Protocol Protocol, PortReference TargetPort);
