namespace PolicyEditor.Web.Access;

/// <summary>The caller may not do what they asked; the message says why, for them.</summary>
public sealed class AccessDeniedException(string message) : Exception(message);
