using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Library.Reader.Command.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class ReaderCategory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "category",
                schema: "reader",
                table: "readers",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "adult");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "category",
                schema: "reader",
                table: "readers");
        }
    }
}
