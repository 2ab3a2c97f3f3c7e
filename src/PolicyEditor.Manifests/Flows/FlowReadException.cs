namespace PolicyEditor.Manifests.Flows;

/// <summary>A read of flow records refused as a whole (an unknown format, a limit passed), with a message for the person who gave the file.</summary>
public sealed class FlowReadException(string message) : Exception(message);
