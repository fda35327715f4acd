using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Library.Lending.Command.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class ReaderEligibilityVersionToken : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
