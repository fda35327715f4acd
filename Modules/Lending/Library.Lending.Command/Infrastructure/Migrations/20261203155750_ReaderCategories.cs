using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Library.Lending.Command.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class ReaderCategories : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "category",
                schema: "lending",
                table: "reader_eligibility",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "adult");

            migrationBuilder.CreateTable(
                name: "reader_categories",
                schema: "lending",
                columns: table => new
                {
                    code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    loan_period_days = table.Column<int>(type: "integer", nullable: true),
                    max_active_loans = table.Column<int>(type: "integer", nullable: true),
                    max_renewals = table.Column<int>(type: "integer", nullable: true),
                    fine_per_day_cents = table.Column<long>(type: "bigint", nullable: true),
                    max_fine_per_loan_cents = table.Column<long>(type: "bigint", nullable: true),
                    max_holds = table.Column<int>(type: "integer", nullable: true),
                    version = table.Column<long>(type: "bigint", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    changed_by_role = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    changed_by_subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reader_categories", x => x.code);
                });

            // The categories a Koha- or Evergreen-style install ships with (ADR 0029); the admin changes
            // them with PUT /api/categories/{code}. Null terms come from the lending policy: adult is the
            // policy itself. Inserted here rather than as model seed data because EF Core does not seed
            // complex properties (changed_by), and so they are never re-applied over an admin's changes.
            migrationBuilder.Sql(
                """
                INSERT INTO lending.reader_categories
                    (code, loan_period_days, max_active_loans, max_renewals, fine_per_day_cents, max_fine_per_loan_cents, max_holds,
                     version, updated_at, changed_by_subject, changed_by_role)
                VALUES
                    ('adult', NULL, NULL, NULL, NULL, NULL, NULL, 1, '2026-01-01T00:00:00Z', 'lending-command', 'system'),
                    ('child', 21, 5, NULL, 10, 1000, NULL, 1, '2026-01-01T00:00:00Z', 'lending-command', 'system'),
                    ('staff', 30, 10, NULL, 0, NULL, NULL, 1, '2026-01-01T00:00:00Z', 'lending-command', 'system')
                ON CONFLICT (code) DO NOTHING
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "reader_categories",
                schema: "lending");

            migrationBuilder.DropColumn(
                name: "category",
                schema: "lending",
                table: "reader_eligibility");
        }
    }
}
