using Endpoint = PolicyEditor.Engine.Evaluation.Endpoint;

namespace PolicyEditor.Web.ExplorerModel;

/// <summary>A source and a destination, as the inspector and the "can A reach B?" box ask about them.</summary>
public sealed record EndpointPair(Endpoint Source, Endpoint Destination);
