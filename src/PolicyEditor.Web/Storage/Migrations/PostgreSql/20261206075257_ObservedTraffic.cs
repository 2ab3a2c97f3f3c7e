using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PolicyEditor.Web.Storage.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class ObservedTraffic : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "observed_traffic",
                columns: table => new
                {
                    WorkspaceId = table.Column<Guid>(type: "uuid", nullable: false),
                    Connections = table.Column<int>(type: "integer", nullable: false),
                    Records = table.Column<long>(type: "bigint", nullable: false),
                    ImportedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_observed_traffic", x => x.WorkspaceId);
                    table.ForeignKey(
                        name: "FK_observed_traffic_workspaces_WorkspaceId",
                        column: x => x.WorkspaceId,
                        principalTable: "workspaces",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "observed_traffic");
        }
    }
}
