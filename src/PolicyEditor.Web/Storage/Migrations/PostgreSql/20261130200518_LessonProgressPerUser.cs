using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PolicyEditor.Web.Storage.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class LessonProgressPerUser : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_lesson_progress",
                table: "lesson_progress");

            migrationBuilder.AddColumn<string>(
                name: "UserId",
                table: "lesson_progress",
                type: "character varying(450)",
                maxLength: 450,
                nullable: false,
                defaultValue: "local");

            migrationBuilder.AddPrimaryKey(
                name: "PK_lesson_progress",
                table: "lesson_progress",
                columns: new[] { "UserId", "LessonId" });

            // Progress made so far belongs to the owner of the lesson's workspace (the single-user "local" without one).
            migrationBuilder.Sql("""
                UPDATE lesson_progress SET "UserId" = (
                    SELECT m."UserId" FROM workspace_members m WHERE m."WorkspaceId" = lesson_progress."WorkspaceId" AND m."Role" = 4 ORDER BY m."UserId" LIMIT 1)
                WHERE EXISTS (SELECT 1 FROM workspace_members m WHERE m."WorkspaceId" = lesson_progress."WorkspaceId" AND m."Role" = 4);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_lesson_progress",
                table: "lesson_progress");

            migrationBuilder.DropColumn(
                name: "UserId",
                table: "lesson_progress");

            migrationBuilder.AddPrimaryKey(
                name: "PK_lesson_progress",
                table: "lesson_progress",
                column: "LessonId");
        }
    }
}
