namespace PolicyEditor.Web.Reviews;

/// <summary>A review changed between reading and writing it (another instance or request got there first).</summary>
public sealed class ReviewConflictException(string message) : Exception(message);
