namespace PolicyEditor.LiveCluster;

/// <summary>The cluster could not be read; the message says why and what to do, and never holds a credential.</summary>
public sealed class ClusterReadException(string message, Exception? inner = null) : Exception(message, inner);
