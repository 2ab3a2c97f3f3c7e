namespace PolicyEditor.Engine.Evaluation;

/// <summary>Which side of a connection a policy decides for: the destination's ingress or the source's egress.</summary>
public enum TrafficDirection
{
    Ingress,
    Egress,
}
