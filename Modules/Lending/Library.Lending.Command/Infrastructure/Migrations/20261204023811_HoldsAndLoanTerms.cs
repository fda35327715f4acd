using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Library.Lending.Command.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class HoldsAndLoanTerms : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "loan_period_days",
                schema: "lending",
                table: "loans",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "max_renewals",
                schema: "lending",
                table: "loans",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // Every loan so far was checked out and renewed on the policy's terms (categories were not yet applied
            // at checkout): it keeps them as they are now.
            migrationBuilder.Sql(
                """
                UPDATE lending.loans l SET loan_period_days = p.loan_period_days, max_renewals = p.max_renewals
                FROM lending.lending_policy p
                """);

            migrationBuilder.AddColumn<int>(
                name: "hold_pickup_days",
                schema: "lending",
                table: "lending_policy",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "max_holds",
                schema: "lending",
                table: "lending_policy",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "holds",
                schema: "lending",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    queue_number = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    reader_id = table.Column<Guid>(type: "uuid", nullable: false),
                    reader_number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    isbn = table.Column<string>(type: "character varying(13)", maxLength: 13, nullable: false),
                    title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    placed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    copy_id = table.Column<Guid>(type: "uuid", nullable: true),
                    barcode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ready_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    pickup_by = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    loan_id = table.Column<Guid>(type: "uuid", nullable: true),
                    version = table.Column<long>(type: "bigint", nullable: false),
                    closed_by_role = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    closed_by_subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    placed_by_role = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    placed_by_subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_holds", x => x.id);
                    table.CheckConstraint("ck_holds_ready_has_copy", "status <> 'Ready' OR (copy_id IS NOT NULL AND pickup_by IS NOT NULL)");
                    table.ForeignKey(
                        name: "fk_holds_books_isbn",
                        column: x => x.isbn,
                        principalSchema: "lending",
                        principalTable: "books",
                        principalColumn: "isbn",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.UpdateData(
                schema: "lending",
                table: "lending_policy",
                keyColumn: "id",
                keyValue: 1,
                columns: new[] { "hold_pickup_days", "max_holds" },
                values: new object[] { 7, 5 });

            migrationBuilder.CreateIndex(
                name: "ix_holds_queue_number",
                schema: "lending",
                table: "holds",
                column: "queue_number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_holds_reader_id_status",
                schema: "lending",
                table: "holds",
                columns: new[] { "reader_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_holds_ready_pickup",
                schema: "lending",
                table: "holds",
                column: "pickup_by",
                filter: "status = 'Ready'");

            migrationBuilder.CreateIndex(
                name: "ix_holds_waiting_queue",
                schema: "lending",
                table: "holds",
                columns: new[] { "isbn", "queue_number" },
                filter: "status = 'Waiting'");

            migrationBuilder.CreateIndex(
                name: "ux_holds_live_reader_title",
                schema: "lending",
                table: "holds",
                columns: new[] { "reader_id", "isbn" },
                unique: true,
                filter: "status IN ('Waiting', 'Ready')");

            migrationBuilder.CreateIndex(
                name: "ux_holds_ready_copy",
                schema: "lending",
                table: "holds",
                column: "copy_id",
                unique: true,
                filter: "status = 'Ready'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "holds",
                schema: "lending");

            migrationBuilder.DropColumn(
                name: "loan_period_days",
                schema: "lending",
                table: "loans");

            migrationBuilder.DropColumn(
                name: "max_renewals",
                schema: "lending",
                table: "loans");

            migrationBuilder.DropColumn(
                name: "hold_pickup_days",
                schema: "lending",
                table: "lending_policy");

            migrationBuilder.DropColumn(
                name: "max_holds",
                schema: "lending",
                table: "lending_policy");
        }
    }
}
