namespace PolicyEditor.Web.Storage.Rows;

/// <summary>A learner's progress in one lesson (see <see cref="Tutorials.LessonProgress"/>).</summary>
public sealed class LessonProgressRow
{
    /// <summary>The learner's user id (<c>local</c> in single-user mode).</summary>
    public string UserId { get; set; } = string.Empty;

    public string LessonId { get; set; } = string.Empty;

    public Guid WorkspaceId { get; set; }

    public int Step { get; set; }

    public int Completed { get; set; }

    /// <summary>UTC ticks.</summary>
    public long Updated { get; set; }
}
