using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Library.Lending.Command.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class Accountability : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Loans checked out before actors were recorded: who lent them is not known ("anonymous").
            migrationBuilder.AddColumn<string>(
                name: "checked_out_by_role",
                schema: "lending",
                table: "loans",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "anonymous");

            migrationBuilder.AddColumn<string>(
                name: "checked_out_by_subject",
                schema: "lending",
                table: "loans",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "anonymous");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "fine_waived_at",
                schema: "lending",
                table: "loans",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "fine_waived_by_role",
                schema: "lending",
                table: "loans",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "fine_waived_by_subject",
                schema: "lending",
                table: "loans",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "lost_declared_by_role",
                schema: "lending",
                table: "loans",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "lost_declared_by_subject",
                schema: "lending",
                table: "loans",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "returned_by_role",
                schema: "lending",
                table: "loans",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "returned_by_subject",
                schema: "lending",
                table: "loans",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "fine_payments",
                schema: "lending",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    amount_cents = table.Column<long>(type: "bigint", nullable: false),
                    paid_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    paid_by_subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    paid_by_role = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    loan_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_fine_payments", x => x.id);
                    table.ForeignKey(
                        name: "fk_fine_payments_loans_loan_id",
                        column: x => x.loan_id,
                        principalSchema: "lending",
                        principalTable: "loans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_fine_payments_loan_id",
                schema: "lending",
                table: "fine_payments",
                column: "loan_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "fine_payments",
                schema: "lending");

            migrationBuilder.DropColumn(
                name: "checked_out_by_role",
                schema: "lending",
                table: "loans");

            migrationBuilder.DropColumn(
                name: "checked_out_by_subject",
                schema: "lending",
                table: "loans");

            migrationBuilder.DropColumn(
                name: "fine_waived_at",
                schema: "lending",
                table: "loans");

            migrationBuilder.DropColumn(
                name: "fine_waived_by_role",
                schema: "lending",
                table: "loans");

            migrationBuilder.DropColumn(
                name: "fine_waived_by_subject",
                schema: "lending",
                table: "loans");

            migrationBuilder.DropColumn(
                name: "lost_declared_by_role",
                schema: "lending",
                table: "loans");

            migrationBuilder.DropColumn(
                name: "lost_declared_by_subject",
                schema: "lending",
                table: "loans");

            migrationBuilder.DropColumn(
                name: "returned_by_role",
                schema: "lending",
                table: "loans");

            migrationBuilder.DropColumn(
                name: "returned_by_subject",
                schema: "lending",
                table: "loans");
        }
    }
}
