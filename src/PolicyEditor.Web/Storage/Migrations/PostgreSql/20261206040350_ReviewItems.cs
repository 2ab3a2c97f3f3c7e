using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PolicyEditor.Web.Storage.Migrations.PostgreSql
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ReviewId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Json = table.Column<string>(type: "text", nullable: false)
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
                SELECT (c.value ->> 'Id')::uuid, r."Id", 0, (c.ordinality - 1)::int, c.value::text
                FROM reviews r CROSS JOIN LATERAL jsonb_array_elements(r."Json"::jsonb -> 'Comments') WITH ORDINALITY AS c(value, ordinality);
                INSERT INTO review_items ("Id", "ReviewId", "Kind", "Position", "Json")
                SELECT (s.value ->> 'Id')::uuid, r."Id", 1, (s.ordinality - 1)::int, s.value::text
                FROM reviews r CROSS JOIN LATERAL jsonb_array_elements(r."Json"::jsonb -> 'Suggestions') WITH ORDINALITY AS s(value, ordinality);
                UPDATE reviews SET "Json" = jsonb_set(jsonb_set("Json"::jsonb, '{Comments}', '[]'::jsonb), '{Suggestions}', '[]'::jsonb)::text;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                UPDATE reviews r SET "Json" = jsonb_set(jsonb_set(r."Json"::jsonb,
                    '{Comments}', COALESCE((SELECT jsonb_agg(i."Json"::jsonb ORDER BY i."Position") FROM review_items i WHERE i."ReviewId" = r."Id" AND i."Kind" = 0), '[]'::jsonb)),
                    '{Suggestions}', COALESCE((SELECT jsonb_agg(i."Json"::jsonb ORDER BY i."Position") FROM review_items i WHERE i."ReviewId" = r."Id" AND i."Kind" = 1), '[]'::jsonb))::text;
                """);

            migrationBuilder.DropTable(
                name: "review_items");
        }
    }
}
