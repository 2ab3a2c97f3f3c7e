using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PolicyEditor.Web.Storage.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class RequiredApprovals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "RequiredApprovals",
                table: "workspaces",
                type: "integer",
                nullable: false,
                defaultValue: 1);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RequiredApprovals",
                table: "workspaces");
        }
    }
}
