namespace PolicyEditor.Engine.Model;

/// <summary>
/// A Service an Ingress or Route sends traffic to, and which of its ports: for an Ingress the Service
/// port (number or name); for a Route the target port (number or name); null for every port.
/// </summary>
public sealed record ExposureBackend(string ServiceName, PortReference? Port);
