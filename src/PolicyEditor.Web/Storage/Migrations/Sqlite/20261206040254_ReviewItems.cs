using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PolicyEditor.Web.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReviewItems : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "review_items",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReviewId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Json = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_review_items", x => x.Id);
                    table.ForeignKey(
                        name: "FK_review_items_reviews_ReviewId",
                        column: x => x.ReviewId,
                        principalTable: "reviews",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_review_items_ReviewId_Kind_Position",
                table: "review_items",
                columns: new[] { "ReviewId", "Kind", "Position" });

            // Each review's comments (kind 0) and suggestions (kind 1) move from its JSON document to rows of their own.
            migrationBuilder.Sql("""
                INSERT INTO review_items ("Id", "ReviewId", "Kind", "Position", "Json")
                SELECT upper(json_extract(c.value, '$.Id')), r."Id", 0, c.key, c.value FROM reviews r, json_each(r."Json", '$.Comments') c;
                INSERT INTO review_items ("Id", "ReviewId", "Kind", "Position", "Json")
                SELECT upper(json_extract(s.value, '$.Id')), r."Id", 1, s.key, s.value FROM reviews r, json_each(r."Json", '$.Suggestions') s;
                UPDATE reviews SET "Json" = json_set("Json", '$.Comments', json('[]'), '$.Suggestions', json('[]'));
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                UPDATE reviews SET "Json" = json_set("Json",
                    '$.Comments', json((SELECT json_group_array(json(i."Json")) FROM (SELECT "Json" FROM review_items WHERE "ReviewId" = reviews."Id" AND "Kind" = 0 ORDER BY "Position") i)),
                    '$.Suggestions', json((SELECT json_group_array(json(i."Json")) FROM (SELECT "Json" FROM review_items WHERE "ReviewId" = reviews."Id" AND "Kind" = 1 ORDER BY "Position") i)));
                """);

            migrationBuilder.DropTable(
                name: "review_items");
        }
    }
}
