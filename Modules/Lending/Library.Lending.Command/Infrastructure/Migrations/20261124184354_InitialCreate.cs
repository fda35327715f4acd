using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Library.Lending.Command.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "lending");

            migrationBuilder.CreateTable(
                name: "books",
                schema: "lending",
                columns: table => new
                {
                    isbn = table.Column<string>(type: "character varying(13)", maxLength: 13, nullable: false),
                    title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    authors = table.Column<List<string>>(type: "text[]", nullable: false),
                    genre = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    added_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_books", x => x.isbn);
                });

            migrationBuilder.CreateTable(
                name: "lending_policy",
                schema: "lending",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    loan_period_days = table.Column<int>(type: "integer", nullable: false),
                    max_active_loans = table.Column<int>(type: "integer", nullable: false),
                    max_renewals = table.Column<int>(type: "integer", nullable: false),
                    fine_per_day_cents = table.Column<long>(type: "bigint", nullable: false),
                    max_fine_per_loan_cents = table.Column<long>(type: "bigint", nullable: false),
                    lost_item_fee_cents = table.Column<long>(type: "bigint", nullable: false),
                    max_fines_owed_cents = table.Column<long>(type: "bigint", nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_lending_policy", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "loan_number_counters",
                schema: "lending",
                columns: table => new
                {
                    year = table.Column<int>(type: "integer", nullable: false),
                    last_number = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_loan_number_counters", x => x.year);
                });

            migrationBuilder.CreateTable(
                name: "reader_eligibility",
                schema: "lending",
                columns: table => new
                {
                    reader_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false),
                    reader_number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    name = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reader_eligibility", x => x.reader_id);
                });

            migrationBuilder.CreateTable(
                name: "copies",
                schema: "lending",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    isbn = table.Column<string>(type: "character varying(13)", maxLength: 13, nullable: false),
                    barcode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    added_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_copies", x => x.id);
                    table.ForeignKey(
                        name: "fk_copies_books_isbn",
                        column: x => x.isbn,
                        principalSchema: "lending",
                        principalTable: "books",
                        principalColumn: "isbn",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "loans",
                schema: "lending",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    loan_number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    reader_id = table.Column<Guid>(type: "uuid", nullable: false),
                    copy_id = table.Column<Guid>(type: "uuid", nullable: false),
                    isbn = table.Column<string>(type: "character varying(13)", maxLength: 13, nullable: false),
                    title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    barcode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    checked_out_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    due_date = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    renewals = table.Column<int>(type: "integer", nullable: false),
                    returned_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    lost_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    return_comment = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    fine_per_day_cents = table.Column<long>(type: "bigint", nullable: false),
                    max_fine_per_loan_cents = table.Column<long>(type: "bigint", nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    fine_id = table.Column<Guid>(type: "uuid", nullable: true),
                    fine_late_fee_cents = table.Column<long>(type: "bigint", nullable: true),
                    fine_lost_fee_cents = table.Column<long>(type: "bigint", nullable: true),
                    fine_paid_cents = table.Column<long>(type: "bigint", nullable: true),
                    fine_waived_cents = table.Column<long>(type: "bigint", nullable: true),
                    fine_waiver_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    fine_assessed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_loans", x => x.id);
                    table.ForeignKey(
                        name: "fk_loans_copies_copy_id",
                        column: x => x.copy_id,
                        principalSchema: "lending",
                        principalTable: "copies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                schema: "lending",
                table: "lending_policy",
                columns: new[] { "id", "currency", "fine_per_day_cents", "loan_period_days", "lost_item_fee_cents", "max_active_loans", "max_fine_per_loan_cents", "max_fines_owed_cents", "max_renewals", "updated_at", "version" },
                values: new object[] { 1, "EUR", 50L, 15, 2500L, 3, 5000L, 0L, 2, new DateTimeOffset(new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), 1L });

            migrationBuilder.CreateIndex(
                name: "ix_copies_isbn",
                schema: "lending",
                table: "copies",
                column: "isbn");

            migrationBuilder.CreateIndex(
                name: "ux_copies_barcode",
                schema: "lending",
                table: "copies",
                column: "barcode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_loans_fine_id",
                schema: "lending",
                table: "loans",
                column: "fine_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_loans_loan_number",
                schema: "lending",
                table: "loans",
                column: "loan_number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_loans_reader_id_status",
                schema: "lending",
                table: "loans",
                columns: new[] { "reader_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ux_loans_open_copy",
                schema: "lending",
                table: "loans",
                column: "copy_id",
                unique: true,
                filter: "status = 'Active'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "lending_policy",
                schema: "lending");

            migrationBuilder.DropTable(
                name: "loan_number_counters",
                schema: "lending");

            migrationBuilder.DropTable(
                name: "loans",
                schema: "lending");

            migrationBuilder.DropTable(
                name: "reader_eligibility",
                schema: "lending");

            migrationBuilder.DropTable(
                name: "copies",
                schema: "lending");

            migrationBuilder.DropTable(
                name: "books",
                schema: "lending");
        }
    }
}
