using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Library.Reader.Command.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class Accountability : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "erasure_requested_by_role",
                schema: "reader",
                table: "readers",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "erasure_requested_by_subject",
                schema: "reader",
                table: "readers",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "suspended_by_role",
                schema: "reader",
                table: "readers",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "suspended_by_subject",
                schema: "reader",
                table: "readers",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "erasure_requested_by_role",
                schema: "reader",
                table: "readers");

            migrationBuilder.DropColumn(
                name: "erasure_requested_by_subject",
                schema: "reader",
                table: "readers");

            migrationBuilder.DropColumn(
                name: "suspended_by_role",
                schema: "reader",
                table: "readers");

            migrationBuilder.DropColumn(
                name: "suspended_by_subject",
                schema: "reader",
                table: "readers");
        }
    }
}
