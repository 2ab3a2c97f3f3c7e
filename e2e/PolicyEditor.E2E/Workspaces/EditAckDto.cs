namespace PolicyEditor.E2E.Workspaces;

/// <summary>The hub's answer to an edit (the web app's EditAck, as the client reads it).</summary>
internal sealed record EditAckDto(string ClientEditId, bool Applied, long Revision, string? Message);
