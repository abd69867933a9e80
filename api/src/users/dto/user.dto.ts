import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { ROLES, type Role } from '@layanan/contracts';

export class CreateUserDto {
  @ApiProperty({ example: 'verifikator3.dukcapil' })
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9._-]{2,63}$/, { message: 'must be 3-64 lowercase letters, digits, dots, dashes or underscores' })
  username: string;

  @ApiProperty({ example: 'Sri Wahyuni' })
  @IsString()
  @MinLength(2)
  @MaxLength(120)
  fullName: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsEmail()
  email?: string;

  @ApiProperty({ minLength: 10 })
  @IsString()
  @MinLength(10, { message: 'must be at least 10 characters' })
  @MaxLength(200)
  password: string;

  @ApiProperty({ isArray: true, enum: ROLES })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(6)
  @IsIn(ROLES, { each: true, message: `each role must be one of ${ROLES.join(', ')}` })
  roles: Role[];

  @ApiPropertyOptional({ nullable: true, type: String, description: 'Required for every role except admin and leadership' })
  @IsOptional()
  @IsUUID()
  opdId?: string | null;
}

export class UpdateUserDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(120)
  fullName?: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsEmail()
  email?: string | null;

  @ApiPropertyOptional({ description: 'Set to reset the password; ends all sessions' })
  @IsOptional()
  @IsString()
  @MinLength(10, { message: 'must be at least 10 characters' })
  @MaxLength(200)
  password?: string;

  @ApiPropertyOptional({ isArray: true, enum: ROLES })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(ROLES, { each: true, message: `each role must be one of ${ROLES.join(', ')}` })
  roles?: Role[];

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @IsUUID()
  opdId?: string | null;

  @ApiPropertyOptional({ description: 'false deactivates: the user is logged out at once' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  // react-admin sends the whole record back on PUT; these read-only fields are accepted and ignored.
  @IsOptional() id?: string;
  @IsOptional() username?: string;
  @IsOptional() createdAt?: string;
  @IsOptional() lastLoginAt?: string | null;
  @IsOptional() lockedUntil?: string | null;
}

export class UserView {
  @ApiProperty() id: string;
  @ApiProperty() username: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
  @ApiProperty({ isArray: true, enum: ROLES }) roles: Role[];
  @ApiProperty({ nullable: true, type: String }) opdId: string | null;
  @ApiProperty() active: boolean;
  @ApiProperty({ nullable: true, type: String }) lockedUntil: string | null;
  @ApiProperty({ nullable: true, type: String }) lastLoginAt: string | null;
  @ApiProperty() createdAt: string;
}
