using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Library.Lending.Command.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class Calendar : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "calendar",
                schema: "lending",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_calendar", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "closed_days",
                schema: "lending",
                columns: table => new
                {
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    calendar_id = table.Column<int>(type: "integer", nullable: false),
                    changed_by_role = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    changed_by_subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_closed_days", x => x.date);
                    table.ForeignKey(
                        name: "fk_closed_days_calendar_calendar_id",
                        column: x => x.calendar_id,
                        principalSchema: "lending",
                        principalTable: "calendar",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                schema: "lending",
                table: "calendar",
                columns: new[] { "id", "updated_at", "version" },
                values: new object[] { 1, new DateTimeOffset(new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), 0L });

            migrationBuilder.CreateIndex(
                name: "ix_closed_days_calendar_id",
                schema: "lending",
                table: "closed_days",
                column: "calendar_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "closed_days",
                schema: "lending");

            migrationBuilder.DropTable(
                name: "calendar",
                schema: "lending");
        }
    }
}
